import '@hono/zod-openapi'
import * as z from 'zod'
import { replayedField } from './idempotency.js'
import { RateLimitHeaders } from './rate-limit-headers.js'

/** relaykit's one error shape, for every route of its own. */
export const ErrorBody = z
  .object({
    error: z.string().openapi({ description: 'A stable snake_case code a program can branch on.', example: 'validation_failed' }),
    message: z.string().openapi({ description: 'A sentence saying what went wrong and what to do about it.' }),
    request_id: z.string().openapi({ description: 'The X-Request-Id of this request, for the logs.', example: 'req_4f9c2a7d1b8e4c0f9a6d3e2b1c0f8a7d' }),
    details: z
      .array(
        z.object({
          field: z.string().openapi({ description: 'Where the problem is, e.g. `body.owner`.' }),
          rule: z.string().openapi({ description: 'The rule it broke, e.g. `too_big` or `invalid_format`.' }),
          message: z.string(),
        }),
      )
      .optional()
      .openapi({ description: 'One entry per invalid field (validation errors only).' }),
    retry_after_seconds: z.number().int().optional().openapi({ description: 'How long to wait before trying again (409, 429 and 503 only).' }),
    ...replayedField,
  })
  .openapi('Error')

export type ErrorBody = z.infer<typeof ErrorBody>

const retryAfterHeader = z.string().regex(/^\d+$/).openapi({ description: 'Seconds to wait before retrying.', example: '30' })

const errorDescriptions = {
  400: 'The body is not valid JSON.',
  401: 'The credential is missing or wrong. Send `Authorization: Bearer <token>`.',
  403: 'A server-side rule refuses this request: the Origin, an allowlist, or a GitHub permission the token lacks.',
  404: 'The repository, pull request or workflow does not exist, or the GitHub token cannot see it.',
  409: 'A request with this idempotency key is still running. Wait `retry_after_seconds` and retry with the same key.',
  410: 'What the request names existed but is over; start again.',
  413: 'The request body is larger than MAX_BODY_BYTES.',
  415: 'The body was not sent as `Content-Type: application/json`.',
  422: 'A field is missing or breaks a rule (`details` names each field and rule), or the idempotency key was already used for a different request.',
  429: "Too many requests: this caller is over relaykit's rate limit, or GitHub is rate limiting relaykit. Wait `retry_after_seconds`, also sent as `Retry-After`.",
  502: 'GitHub could not be reached, or answered with an error relaykit cannot fix.',
  503: 'This relay is off, a secret or setting it needs is missing (named in the message), or the rate limiter or idempotency store a write needs cannot be reached.',
  504: 'GitHub did not answer within GITHUB_TIMEOUT_MS.',
} as const

type ErrorStatus = keyof typeof errorDescriptions

/** Headers that come with some error statuses: when to retry, and the caller's rate limit. */
const errorHeaders = {
  409: z.object({ 'Retry-After': retryAfterHeader }),
  429: z.object({ 'Retry-After': retryAfterHeader, ...RateLimitHeaders.shape }),
}

/**
 * The `responses` entries for the error statuses a route can answer, all in one error shape
 * (relaykit's, unless the route speaks another API's). `descriptions` replaces the
 * GitHub-flavoured default wording where a relay means something else.
 */
export function errorResponses<const S extends ErrorStatus, B extends z.ZodType = typeof ErrorBody>(
  statuses: readonly S[],
  descriptions: Partial<Record<S, string>> = {},
  schema?: B,
) {
  const entries = statuses.map((status) => [
    status,
    {
      description: descriptions[status] ?? errorDescriptions[status],
      content: { 'application/json': { schema: schema ?? ErrorBody } },
      ...(status in errorHeaders ? { headers: errorHeaders[status as keyof typeof errorHeaders] } : {}),
    },
  ])
  return Object.fromEntries(entries) as Record<S, { description: string; content: { 'application/json': { schema: B } } }>
}
