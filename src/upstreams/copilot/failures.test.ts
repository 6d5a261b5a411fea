import { describe, expect, it } from 'vitest'
import { copilotFailure, githubFailure } from './failures.js'

const SETUP = 'https://relay.example/copilot'
const noHeaders = new Headers()

describe('githubFailure', () => {
  it('says to sign in again, with the setup page, when GitHub refuses the token', () => {
    for (const [status, body] of [
      [401, { message: 'Bad credentials' }],
      [403, { message: 'Bad credentials' }],
      [403, { message: 'The token has expired' }],
    ] as const) {
      expect(githubFailure(status, noHeaders, body, JSON.stringify(body), SETUP)).toMatchObject({
        status: 401,
        code: 'github_sign_in_expired',
        message: expect.stringContaining(SETUP),
      })
    }
  })

  it("says the account has no Copilot seat on a 403, quoting GitHub's reason", () => {
    const body = { message: 'Resource not accessible by integration' }
    const problem = githubFailure(403, noHeaders, body, '', SETUP)
    expect(problem).toMatchObject({ status: 403, code: 'copilot_no_access' })
    expect(problem.message).toContain('"Resource not accessible by integration"')
    expect(problem.message).toContain(SETUP)
  })

  it('names the wrong token kind as a cause on a 404', () => {
    expect(githubFailure(404, noHeaders, { message: 'Not Found' }, '', SETUP).message).toContain('ghu_')
  })

  it("passes GitHub's wait on a 429", () => {
    expect(githubFailure(429, new Headers({ 'retry-after': '12' }), undefined, '', SETUP)).toMatchObject({ status: 429, code: 'github_rate_limited', retryAfterSeconds: 12 })
  })

  it("answers GitHub's own failures as a bad gateway", () => {
    expect(githubFailure(503, noHeaders, undefined, 'oops', SETUP)).toEqual({ status: 502, code: 'github_error', message: 'GitHub answered 503. Try again later.' })
  })
})

describe('copilotFailure', () => {
  const context = { setupPageUrl: SETUP, model: 'claude-opus-4.1' }

  it("quotes Copilot's reason when a model is not enabled for the account", () => {
    const body = { error: { message: 'The requested model is not supported.', code: 'model_not_supported' } }
    expect(copilotFailure(400, noHeaders, body, '', context)).toEqual({
      status: 400,
      code: 'copilot_model_not_enabled',
      message:
        'Copilot refused the model "claude-opus-4.1" for this account: "The requested model is not supported.". Enable the model in your Copilot settings on github.com, or choose one GET /v1/models lists.',
    })
  })

  it('recognises the refusal in a plain-text answer too', () => {
    expect(copilotFailure(400, noHeaders, undefined, 'model claude-opus-4.1 is not supported', context)).toMatchObject({ code: 'copilot_model_not_enabled' })
  })

  it('points to supported_endpoints when the model is not served on this API', () => {
    const body = { error: { message: 'model claude-sonnet-4.6 does not support Responses API.', code: 'unsupported_api_for_model' } }
    const problem = copilotFailure(400, noHeaders, body, '', { setupPageUrl: SETUP, model: 'claude-sonnet-4.6' })
    expect(problem).toMatchObject({ status: 400, code: 'copilot_model_wrong_endpoint' })
    expect(problem.message).toContain('does not support Responses API')
    expect(problem.message).toContain('supported_endpoints')
  })

  it("passes Copilot's rate limit with its wait", () => {
    expect(copilotFailure(429, new Headers({ 'retry-after': '42' }), { error: { message: 'Rate limit exceeded' } }, '', context)).toEqual({
      status: 429,
      code: 'copilot_rate_limited',
      message: 'Copilot is rate limiting this account: "Rate limit exceeded". Try again in 42 seconds.',
      retryAfterSeconds: 42,
    })
  })

  it('says to sign in again when Copilot refuses even a fresh token', () => {
    expect(copilotFailure(401, noHeaders, undefined, 'unauthorized: token expired', context)).toMatchObject({
      status: 401,
      code: 'copilot_token_rejected',
      message: expect.stringContaining(SETUP),
    })
  })

  it('quotes other refusals and keeps the reason short and on one line', () => {
    const problem = copilotFailure(422, noHeaders, { error: { message: `bad\n\n  field ${'x'.repeat(400)}` } }, '', context)
    expect(problem.code).toBe('copilot_rejected_request')
    expect(problem.message).toMatch(/^Copilot refused the request \(422\): "bad field x+"\.$/)
    expect(problem.message.length).toBeLessThan(360)
  })

  it("answers Copilot's own failures as a bad gateway", () => {
    expect(copilotFailure(500, noHeaders, undefined, '', context)).toEqual({ status: 502, code: 'copilot_error', message: 'Copilot answered 500. Try again later.' })
  })
})
