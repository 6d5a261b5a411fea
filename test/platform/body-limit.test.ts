import { describe, expect, it } from 'vitest'
import { bodyLimit } from '../../src/platform/body-limit.js'
import { smallApp } from './small-app.js'

describe('bodyLimit', () => {
  const app = smallApp()
  app.post(
    '/upload',
    bodyLimit('MAX_BODY_BYTES', () => 1_024),
    async (c) => c.json({ bytes: (await c.req.text()).length }),
  )

  it('passes a body within the limit', async () => {
    const response = await app.request('/upload', { method: 'POST', body: 'x'.repeat(1_024) }, {})
    expect(await response.json()).toEqual({ bytes: 1_024 })
  })

  it('refuses a larger body with 413 naming the setting', async () => {
    const response = await app.request('/upload', { method: 'POST', body: 'x'.repeat(1_025) }, {})
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: 'body_too_large', message: expect.stringContaining('MAX_BODY_BYTES') })
  })
})
