import type { ErrorEnvelope } from '../../platform/error-envelope.js'
import type { RelayError } from '../../platform/relay-error.js'

/** OpenAI's error `type` vocabulary, chosen by status as OpenAI's own API does. */
function openaiErrorType(status: number): string {
  if (status === 401) return 'authentication_error'
  if (status === 403) return 'permission_error'
  if (status === 429) return 'rate_limit_error'
  if (status >= 500) return 'api_error'
  return 'invalid_request_error'
}

/** The body field a refusal is about (`body.model` → `model`), as OpenAI's `param`. */
function paramOf(error: RelayError): string | null {
  const field = error.extras.details?.[0]?.field
  return field ? field.replace(/^body\./, '') : null
}

/**
 * OpenAI's error shape, `{"error": {"message", "type", "param", "code"}}`, so the official SDKs
 * show relaykit's reason: the sentence as `message`, relaykit's code as `code`. The request id is
 * in the `X-Request-Id` header, where the SDKs read it.
 */
export const openaiErrorEnvelope: ErrorEnvelope = (error) => ({
  error: { message: error.message, type: openaiErrorType(error.status), param: paramOf(error), code: error.code },
})
