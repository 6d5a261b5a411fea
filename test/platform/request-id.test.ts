import { describe, expect, it } from 'vitest'
import { smallApp } from './small-app.js'

describe('requestId', () => {
  it('gives every request a fresh req_ id, on the context and as X-Request-Id, ignoring one sent by the caller', async () => {
    const app = smallApp()
    app.get('/', (c) => c.text(c.var.requestId))
    const responses = await Promise.all([app.request('/'), app.request('/', { headers: { 'X-Request-Id': 'req_forged' } })])
    for (const response of responses) {
      const id = response.headers.get('X-Request-Id')
      expect(id).toMatch(/^req_[0-9a-f]{32}$/)
      expect(await response.text()).toBe(id)
    }
    expect(responses[0]?.headers.get('X-Request-Id')).not.toBe(responses[1]?.headers.get('X-Request-Id'))
  })
})
