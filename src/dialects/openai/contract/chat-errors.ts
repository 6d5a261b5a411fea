import type * as z from 'zod'
import { type ErrorBody, errorResponses } from '../../../contracts/errors.js'

// What the error statuses of the chat relays (openai, gateway) mean: the upstream is OpenAI.

const chatErrorDescriptions = {
  403: 'A server-side rule refuses this request: the Origin is not allowed, the model is not in OPENAI_MODELS, or (gateway) the user lacks the entitlement.',
  429: "Too many requests: this caller is over relaykit's rate limit, or OpenAI is rate limiting relaykit. Wait `retry_after_seconds`, also sent as `Retry-After`.",
  502: "OpenAI could not be reached, refused relaykit's API key, or failed; or (gateway) the entitlement check could not be made.",
  503: 'This relay is off, a secret or setting it needs is missing (named in the message), or its rate limiter or the sign-in provider cannot be reached.',
  504: 'OpenAI did not begin answering within OPENAI_TIMEOUT_MS.',
} as const

export type ChatErrorStatus = 400 | 401 | 403 | 413 | 415 | 422 | 429 | 502 | 503 | 504

export const chatErrorResponses = <const S extends ChatErrorStatus, B extends z.ZodType = typeof ErrorBody>(
  statuses: readonly S[],
  descriptions: Partial<Record<S, string>> = {},
  schema?: B,
) => errorResponses(statuses, { ...chatErrorDescriptions, ...descriptions } as Partial<Record<S, string>>, schema)
