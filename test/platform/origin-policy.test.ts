import { describe, expect, it } from 'vitest'
import { originPolicy } from '../../src/platform/origin-policy.js'
import { smallApp } from './small-app.js'

function appWith(allowed: string[]) {
  const app = smallApp()
  app.use(originPolicy(() => allowed, [{ allowHeaders: ['X-Extra'], exposeHeaders: ['X-Exposed'] }]))
  app.post('/thing', (c) => c.json({ ok: true }))
  return app
}

describe('originPolicy', () => {
  it('refuses a request from an origin not on the list with 403, before any handler', async () => {
    const response = await appWith(['https://app.example.com']).request('https://relaykit.test/thing', { method: 'POST', headers: { Origin: 'https://evil.example' } })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'origin_not_allowed' })
  })

  it('lets through requests without an Origin, from its own origin, and from an allowed one with CORS headers', async () => {
    const app = appWith(['https://app.example.com'])
    expect((await app.request('https://relaykit.test/thing', { method: 'POST' })).status).toBe(200)
    expect((await app.request('https://relaykit.test/thing', { method: 'POST', headers: { Origin: 'https://relaykit.test' } })).status).toBe(200)
    const allowed = await app.request('https://relaykit.test/thing', { method: 'POST', headers: { Origin: 'https://app.example.com' } })
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com')
    expect(allowed.headers.get('Access-Control-Expose-Headers')).toContain('X-Exposed')
  })

  it('answers a preflight with the relays’ own headers added, without reaching a handler', async () => {
    const preflight = await appWith(['https://app.example.com']).request('https://relaykit.test/thing', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toMatch(/Authorization.*Content-Type.*X-Extra/)
  })
})
