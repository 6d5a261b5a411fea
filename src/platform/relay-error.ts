import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody } from '../contracts/errors.js'

type ErrorExtras = Pick<ErrorBody, 'details' | 'retry_after_seconds'> & { headers?: Record<string, string> }

/** A failure with relaykit's error shape. Thrown anywhere; answered by the app's error handler. */
export class RelayError extends Error {
  override readonly name = 'RelayError'
  /** The upstream's status, when this failure is its answer (for the audit trail). */
  upstreamStatus?: number

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extras: ErrorExtras = {},
  ) {
    super(message)
  }
}

/**
 * A refusal the caller should retry after `seconds`: 409 (still running), 429 (over a limit) or
 * 503 (a dependency is away), with the wait both as `Retry-After` and as `retry_after_seconds`.
 */
export const retryLater = (status: 409 | 429 | 503, code: string, message: string, seconds: number) =>
  new RelayError(status, code, message, { retry_after_seconds: seconds, headers: { 'Retry-After': String(seconds) } })
