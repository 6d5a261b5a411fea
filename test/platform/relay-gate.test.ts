import { describe, expect, it } from 'vitest'
import { relayGate } from '../../src/platform/relay-gate.js'
import { disabledRelay, type RelayState } from '../../src/platform/settings.js'
import { smallApp } from './small-app.js'

const appWith = (state: RelayState<{ greeting: string }>) => {
  const app = smallApp()
  app.get(
    '/hello',
    relayGate('example', () => state),
    (c) => c.text((c.var as { settings: { greeting: string } }).settings.greeting),
  )
  return app
}

describe('relayGate', () => {
  it('puts a ready relay’s settings on the context', async () => {
    const response = await appWith({ enabled: true, ready: true, missing: [], invalid: [], rateLimits: [], settings: { greeting: 'hi' } }).request('/hello')
    expect(await response.text()).toBe('hi')
  })

  it('answers 503 naming what a relay lacks, and never runs the route', async () => {
    const response = await appWith({ enabled: true, ready: false, missing: ['SECRET_A'], invalid: ['SETTING_B: must be a number'], rateLimits: [] }).request('/hello')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: 'relay_not_configured', message: 'The example relay is not configured: missing SECRET_A; SETTING_B: must be a number.' })
  })

  it('answers 503 relay_disabled for a relay RELAYS leaves out', async () => {
    const response = await appWith(disabledRelay).request('/hello')
    expect(await response.json()).toMatchObject({ error: 'relay_disabled' })
  })
})
