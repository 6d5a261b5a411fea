import type { AnthropicErrorType } from './types.js'

/** An error an OpenAI-shaped upstream sends mid-stream (`{"error": {...}}` in Chat Completions, an `error` event in Responses). */
export interface UpstreamFailure {
  message?: string
  type?: string | null
  code?: string | null
}

/** The Anthropic error type for an upstream's mid-stream error, by OpenAI's codes and types. */
export function failureType(failure: UpstreamFailure): AnthropicErrorType {
  const kind = `${failure.code ?? ''} ${failure.type ?? ''}`
  if (/rate_limit/.test(kind)) return 'rate_limit_error'
  if (/overloaded|server_is_overloaded|slow_down/.test(kind)) return 'overloaded_error'
  if (/invalid_request|invalid_prompt|context_length|invalid_image/.test(kind)) return 'invalid_request_error'
  return 'api_error'
}

/** The message of an upstream's mid-stream error, saying whose it is. */
export function failureMessage(failure: UpstreamFailure): string {
  return `Copilot failed mid-answer: ${failure.message || 'no reason given'}`
}

export const UNFINISHED_MESSAGE = 'The answer from Copilot ended before it was complete; retry the request.'
