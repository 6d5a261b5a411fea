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

export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number) =>
  new RelayError(429, code, message, {
    retry_after_seconds: retryAfterSeconds,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  })
