import { RelayError, retryLater } from '../../platform/relay-error.js'
import { retryAfterSeconds } from '../../platform/retry-after.js'

/** When OpenAI's 429 names no wait. */
const DEFAULT_RETRY_SECONDS = 20

interface OpenAIErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown; param?: unknown }
}

const short = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').slice(0, 300) : undefined)

/** OpenAI's wait: `retry-after` in seconds, or `retry-after-ms`. */
function openAIWait(headers: Headers): number {
  const milliseconds = Number(headers.get('retry-after-ms'))
  if (Number.isFinite(milliseconds) && milliseconds > 0) return Math.max(1, Math.ceil(milliseconds / 1000))
  return retryAfterSeconds(headers.get('retry-after')) ?? DEFAULT_RETRY_SECONDS
}

/**
 * Maps OpenAI's error answer (before any byte reached the caller) to a relaykit error. The
 * caller sees OpenAI's reason where it is theirs to fix (a refused request), and only a pointer
 * to the operator where it is not (the key, the quota, OpenAI's own failures).
 */
export function openAIFailure(response: Response, body: unknown): RelayError {
  const error = (body as OpenAIErrorBody | undefined)?.error
  const code = short(error?.code) ?? short(error?.type)
  if (response.status === 401 || response.status === 403) {
    return new RelayError(502, 'openai_key_rejected', "OpenAI refused relaykit's API key (OPENAI_API_KEY). The operator must fix it; retrying will not help.")
  }
  if (response.status === 429 && code === 'insufficient_quota') {
    return new RelayError(502, 'openai_quota_exceeded', "OpenAI says relaykit's account is out of quota. The operator must add credit; retrying will not help.")
  }
  if (response.status === 429) {
    const wait = openAIWait(response.headers)
    return retryLater(429, 'openai_rate_limited', `OpenAI is rate limiting relaykit. Try again in ${wait} seconds.`, wait)
  }
  if (response.status === 400 || response.status === 422) {
    const param = short(error?.param)
    return new RelayError(
      422,
      'openai_rejected_request',
      `OpenAI refused the request${code ? ` (${code}${param ? `, ${param}` : ''})` : ''}: ${short(error?.message) ?? 'no reason given'}`,
    )
  }
  return new RelayError(502, 'openai_error', `OpenAI answered ${response.status}${code ? ` (${code})` : ''}. Try again later.`)
}

export function openAIUnreachable(timedOut: boolean, timeoutMs: number): RelayError {
  return timedOut
    ? new RelayError(504, 'openai_timeout', `OpenAI did not begin answering within ${timeoutMs} ms (OPENAI_TIMEOUT_MS).`)
    : new RelayError(502, 'openai_unreachable', 'relaykit could not reach OpenAI. Try again shortly.')
}
