import type { ErrorEnvelope } from '../../platform/error-envelope.js'
import { anthropicErrorBody, anthropicErrorType } from './errors.js'

/** The header Anthropic's SDKs read the request id from (`error.requestID`, `_request_id`). */
export const ANTHROPIC_REQUEST_ID_HEADER = 'request-id'

/**
 * Anthropic's error shape, `{"type": "error", "error": {"type", "message"}, "request_id"}`, so
 * Anthropic's SDKs and Claude Code raise the matching error class with relaykit's sentence.
 */
export const anthropicErrorEnvelope: ErrorEnvelope = (error, requestId) => anthropicErrorBody(anthropicErrorType(error.status, error.code), error.message, requestId)
