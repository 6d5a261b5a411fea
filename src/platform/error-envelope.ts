import type { ErrorBody } from '../contracts/errors.js'
import type { RelayError } from './relay-error.js'

/** Renders a refusal as the JSON body a caller's client understands. */
export type ErrorEnvelope = (error: RelayError, requestId: string) => unknown

/** relaykit's own shape: `{error, message, request_id}`, plus `details` or `retry_after_seconds` where they apply. */
export const relaykitEnvelope: ErrorEnvelope = (error, requestId): ErrorBody => {
  const { headers: _headers, ...extras } = error.extras
  return { error: error.code, message: error.message, request_id: requestId, ...extras }
}
