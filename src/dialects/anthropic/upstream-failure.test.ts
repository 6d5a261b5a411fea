import { describe, expect, it } from 'vitest'
import { failureMessage, failureType } from './upstream-failure.js'

describe('upstream failures', () => {
  it.each([
    [{ code: 'rate_limit_exceeded' }, 'rate_limit_error'],
    [{ type: 'rate_limit_error' }, 'rate_limit_error'],
    [{ code: 'server_is_overloaded' }, 'overloaded_error'],
    [{ code: 'context_length_exceeded', type: 'invalid_request_error' }, 'invalid_request_error'],
    [{ code: 'server_error' }, 'api_error'],
    [{}, 'api_error'],
  ] as const)('%j is %s', (failure, type) => {
    expect(failureType(failure)).toBe(type)
  })

  it('say whose failure it is, and what it said', () => {
    expect(failureMessage({ message: 'Internal error' })).toBe('Copilot failed mid-answer: Internal error')
    expect(failureMessage({})).toBe('Copilot failed mid-answer: no reason given')
  })
})
