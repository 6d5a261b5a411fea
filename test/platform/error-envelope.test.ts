import { describe, expect, it } from 'vitest'
import { openaiErrorEnvelope } from '../../src/dialects/openai/error-envelope.js'
import { RelayError, retryLater } from '../../src/platform/relay-error.js'
import { smallApp } from './small-app.js'

describe('error envelopes', () => {
  const app = smallApp()
  app.use('/openai/*', async (c, next) => {
    c.set('errorEnvelope', openaiErrorEnvelope)
    await next()
  })
  for (const prefix of ['', '/openai']) {
    app.get(`${prefix}/limited`, () => {
      throw retryLater(429, 'rate_limited', 'Too many requests. Try again in 7 seconds.', 7)
    })
    app.get(`${prefix}/invalid`, () => {
      throw new RelayError(422, 'validation_failed', 'The request is invalid.', { details: [{ field: 'body.model', rule: 'invalid_type', message: 'x' }] })
    })
  }

  it("answers in relaykit's shape by default, with the wait as a header and a field", async () => {
    const response = await app.request('/limited')
    expect(response.headers.get('Retry-After')).toBe('7')
    expect(await response.json()).toEqual({
      error: 'rate_limited',
      message: 'Too many requests. Try again in 7 seconds.',
      request_id: response.headers.get('X-Request-Id'),
      retry_after_seconds: 7,
    })
  })

  it("answers in OpenAI's shape where a path declares it: code, type, param, message", async () => {
    const limited = await app.request('/openai/limited')
    expect(limited.headers.get('Retry-After')).toBe('7')
    expect(await limited.json()).toEqual({ error: { message: 'Too many requests. Try again in 7 seconds.', type: 'rate_limit_error', param: null, code: 'rate_limited' } })
    const invalid = await app.request('/openai/invalid')
    expect(await invalid.json()).toEqual({ error: { message: 'The request is invalid.', type: 'invalid_request_error', param: 'model', code: 'validation_failed' } })
  })

  it('keeps every error out of caches', async () => {
    expect((await app.request('/openai/limited')).headers.get('Cache-Control')).toBe('no-store')
  })
})
