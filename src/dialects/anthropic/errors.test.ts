import { describe, expect, it } from 'vitest'
import { anthropicErrorBody, anthropicErrorType } from './errors.js'

describe('anthropicErrorType', () => {
  it.each([
    [400, 'invalid_json', 'invalid_request_error'],
    [401, 'unauthorized', 'authentication_error'],
    [403, 'model_not_allowed', 'permission_error'],
    [404, 'not_found', 'not_found_error'],
    [413, 'body_too_large', 'invalid_request_error'],
    [422, 'validation_failed', 'invalid_request_error'],
    [409, 'refresh_in_progress', 'invalid_request_error'],
    [429, 'rate_limited', 'rate_limit_error'],
    [500, 'internal_error', 'api_error'],
    [502, 'copilot_unreachable', 'api_error'],
    [504, 'copilot_timeout', 'api_error'],
    [503, 'rate_limiter_unavailable', 'overloaded_error'],
    [529, undefined, 'overloaded_error'],
  ] as const)('%i %s → %s', (status, code, type) => {
    expect(anthropicErrorType(status, code)).toBe(type)
  })

  it('calls an upstream rate limit a rate limit whatever status carried it', () => {
    expect(anthropicErrorType(502, 'copilot_rate_limited')).toBe('rate_limit_error')
  })

  it('does not call a switched-off relay overloaded, so clients do not retry it', () => {
    expect(anthropicErrorType(503, 'relay_not_configured')).toBe('api_error')
    expect(anthropicErrorType(503, 'relay_disabled')).toBe('api_error')
  })
})

describe('anthropicErrorBody', () => {
  it("is Anthropic's envelope", () => {
    expect(anthropicErrorBody('not_found_error', 'No model claude-x; this account has gpt-5.', 'req_1')).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: 'No model claude-x; this account has gpt-5.' },
      request_id: 'req_1',
    })
  })
})
