import { retryAfterSeconds } from '../../platform/retry-after.js'
import { isRecord } from './json.js'
import type { CopilotProblem } from './problem.js'

/** When a 429 names no wait. */
const DEFAULT_RETRY_SECONDS = 30

/** An upstream's reason, made short and single-line: its error message, else its plain-text body. */
export function upstreamReason(json: unknown, text: string): string | undefined {
  const error = isRecord(json) ? json.error : undefined
  const fields = isRecord(json) ? json : {}
  const candidates = [isRecord(error) ? error.message : undefined, fields.message, fields.error_description, error]
  const found = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '') ?? (json === undefined ? text : undefined)
  const reason = found?.replace(/\s+/g, ' ').trim().slice(0, 300)
  return reason || undefined
}

function upstreamCode(json: unknown): string | undefined {
  const error = isRecord(json) ? json.error : undefined
  const code = isRecord(error) ? (error.code ?? error.type) : undefined
  return typeof code === 'string' ? code : undefined
}

const quoted = (reason: string | undefined) => (reason ? ` GitHub said: "${reason}".` : '')

export const signInAgain = (setupPageUrl: string): CopilotProblem => ({
  status: 401,
  code: 'github_sign_in_expired',
  message: `GitHub no longer accepts this account's sign-in: its GitHub token was revoked or has expired. Sign in again at ${setupPageUrl}.`,
})

const STALE_CREDENTIALS = /bad credentials|expired|revoked/i

/** A GitHub answer (the token exchange, the quota, `/user`) to a call made with the account's GitHub token. */
export function githubFailure(status: number, headers: Headers, json: unknown, text: string, setupPageUrl: string): CopilotProblem {
  const reason = upstreamReason(json, text)
  if (status === 401 || ((status === 403 || status === 404) && reason && STALE_CREDENTIALS.test(reason))) return signInAgain(setupPageUrl)
  if (status === 403) {
    return {
      status: 403,
      code: 'copilot_no_access',
      message: `GitHub gives this account no Copilot access.${quoted(reason)} The GitHub user needs a Copilot seat (Copilot Free counts); once it has one, sign in again at ${setupPageUrl}.`,
    }
  }
  if (status === 404) {
    return {
      status: 403,
      code: 'copilot_no_access',
      message: `GitHub found no Copilot access for this sign-in: the GitHub user has no Copilot seat, or the token is not one Copilot's own sign-in issued (ghu_). Sign in again at ${setupPageUrl} with the device flow.`,
    }
  }
  if (status === 429) {
    const wait = retryAfterSeconds(headers.get('retry-after')) ?? DEFAULT_RETRY_SECONDS
    return { status: 429, code: 'github_rate_limited', message: `GitHub is rate limiting this account. Try again in ${wait} seconds.`, retryAfterSeconds: wait }
  }
  return { status: 502, code: 'github_error', message: `GitHub answered ${status}. Try again later.` }
}

const MODEL_NOT_ENABLED = /model.*not (supported|enabled|available)|not (supported|enabled|available).*model/i

/** What a Copilot API answer was about, so its failure can say what to do. */
export interface CopilotCallContext {
  setupPageUrl: string
  /** The model the request named. */
  model?: string
}

/** A Copilot API answer that is not a success, before any byte of it reached the caller. */
export function copilotFailure(status: number, headers: Headers, json: unknown, text: string, { setupPageUrl, model }: CopilotCallContext): CopilotProblem {
  const reason = upstreamReason(json, text)
  const code = upstreamCode(json)
  const because = reason ? `: "${reason}"` : ''
  const named = model ? ` "${model}"` : ''
  if (status === 401) {
    return {
      status: 401,
      code: 'copilot_token_rejected',
      message: `Copilot refused this account's Copilot token, even a freshly exchanged one. Sign in again at ${setupPageUrl}.`,
    }
  }
  if (status === 429) {
    const wait = retryAfterSeconds(headers.get('retry-after')) ?? DEFAULT_RETRY_SECONDS
    return { status: 429, code: 'copilot_rate_limited', message: `Copilot is rate limiting this account${because}. Try again in ${wait} seconds.`, retryAfterSeconds: wait }
  }
  if (code === 'unsupported_api_for_model') {
    return {
      status: 400,
      code: 'copilot_model_wrong_endpoint',
      message: `Copilot does not serve the model${named} on this endpoint${because}. GET /v1/models lists each model's supported_endpoints.`,
    }
  }
  if (code === 'model_not_supported' || (status >= 400 && status < 500 && reason && MODEL_NOT_ENABLED.test(reason))) {
    return {
      status: 400,
      code: 'copilot_model_not_enabled',
      message: `Copilot refused the model${named} for this account${because}. Enable the model in your Copilot settings on github.com, or choose one GET /v1/models lists.`,
    }
  }
  if (status === 403) {
    return { status: 403, code: 'copilot_forbidden', message: `Copilot refused this account the request${because}. Check the account's Copilot settings on github.com.` }
  }
  if (status === 413) return { status: 413, code: 'copilot_request_too_large', message: `Copilot refused the request as too large${because}.` }
  if (status >= 400 && status < 500) return { status: 400, code: 'copilot_rejected_request', message: `Copilot refused the request (${status})${because}.` }
  return { status: 502, code: 'copilot_error', message: `Copilot answered ${status}. Try again later.` }
}
