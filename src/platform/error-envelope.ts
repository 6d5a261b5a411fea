import type { ErrorBody } from '../contracts/errors.js'
import type { RelayError } from './relay-error.js'

/** Renders a refusal as the JSON body a caller's client understands. */
export type ErrorEnvelope = (error: RelayError, requestId: string) => unknown

/** relaykit's own shape: `{error, message, request_id}`, plus `details` or `retry_after_seconds` where they apply. */
export const relaykitEnvelope: ErrorEnvelope = (error, requestId): ErrorBody => {
  const { headers: _headers, ...extras } = error.extras
  return { error: error.code, message: error.message, request_id: requestId, ...extras }
}

/**
 * How specific a route path is, for choosing among the error shapes of paths that all match a
 * request: segment by segment, a literal beats a parameter and a parameter beats a wildcard, and
 * the longer path wins between equals (`/:username/v1/messages` over `/:username/v1/*`).
 */
export function pathSpecificity(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment === '*' ? 1 : segment.startsWith(':') ? 2 : 3))
}

/** Orders paths from least to most specific, so that the most specific, applied last, holds. */
export function byAscendingSpecificity(a: string, b: string): number {
  const left = pathSpecificity(a)
  const right = pathSpecificity(b)
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}
