import type { ErrorResponse } from '@anthropic-ai/sdk/resources/shared'
import type { AnthropicErrorType } from './types.js'

/** relaykit codes whose category their HTTP status alone would get wrong. */
const TYPE_BY_CODE: Record<string, AnthropicErrorType> = {
  // A relay that is switched off or unconfigured is not a busy one: no retry will help.
  relay_not_configured: 'api_error',
  relay_disabled: 'api_error',
}

const TYPE_BY_STATUS: Record<number, AnthropicErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
}

/**
 * The Anthropic error type for a relaykit failure, so Anthropic's SDKs raise the matching error
 * class (and retry only what is worth retrying). An upstream's rate limit is a rate limit whatever
 * status carried it; any other failure not listed is Anthropic's generic `api_error`.
 */
export function anthropicErrorType(status: number, code?: string): AnthropicErrorType {
  if (code !== undefined) {
    const byCode = TYPE_BY_CODE[code]
    if (byCode) return byCode
    if (code.endsWith('_rate_limited')) return 'rate_limit_error'
  }
  return TYPE_BY_STATUS[status] ?? (status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error')
}

/** Anthropic's error envelope: `{"type": "error", "error": {"type", "message"}, "request_id"}`. */
export function anthropicErrorBody(type: AnthropicErrorType, message: string, requestId: string | null = null): ErrorResponse {
  return { type: 'error', error: { type, message } as ErrorResponse['error'], request_id: requestId }
}
