import { RelayError, retryLater } from '../../platform/relay-error.js'
import { retryAfterSeconds } from '../../platform/retry-after.js'
import { isTimeout } from '../../platform/upstream-answer.js'

export type GitHubOperation = 'pulls/list' | 'issues/create-comment' | 'issues/add-labels' | 'repos/create-dispatch-event' | 'actions/create-workflow-dispatch'

/** The fine-grained token permission each operation needs, for the 403 message. */
const permissionNeeded: Record<GitHubOperation, string> = {
  'pulls/list': 'Pull requests: read',
  'issues/create-comment': 'Issues: write (or Pull requests: write)',
  'issues/add-labels': 'Issues: write (or Pull requests: write)',
  'repos/create-dispatch-event': 'Contents: write',
  'actions/create-workflow-dispatch': 'Actions: write',
}

const DEFAULT_RETRY_SECONDS = 60

/** GitHub's own `message`, kept short; never the raw body, which could be large or echo input. */
function githubMessage(body: unknown): string {
  const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : ''
  return message.replace(/\s+/g, ' ').slice(0, 200)
}

/** Seconds until GitHub lets us try again, if this answer is a primary or secondary rate limit. */
function rateLimitWait(response: Response, message: string): number | undefined {
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'))
  const remaining = response.headers.get('x-ratelimit-remaining')
  const isLimit = response.status === 429 || (response.status === 403 && (response.headers.has('retry-after') || remaining === '0' || /rate limit/i.test(message)))
  if (!isLimit) return undefined
  if (retryAfter !== undefined) return retryAfter
  const reset = Number(response.headers.get('x-ratelimit-reset'))
  if (remaining === '0' && Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - Date.now() / 1000))
  return DEFAULT_RETRY_SECONDS
}

/** Maps a GitHub error answer to a relaykit error that says what to fix. */
export function githubFailure(operation: GitHubOperation, response: Response, body: unknown): RelayError {
  const message = githubMessage(body)
  const wait = rateLimitWait(response, message)
  if (wait !== undefined) return retryLater(429, 'github_rate_limited', `GitHub is rate limiting relaykit's token. Try again in ${wait} seconds.`, wait)
  switch (response.status) {
    case 301:
    case 302:
    case 307:
    case 308:
      return new RelayError(
        404,
        'github_repo_moved',
        'GitHub says this repository has moved (renamed or transferred). relaykit does not follow redirects: use its new owner/name, which must be in ALLOWED_REPOS.',
      )
    case 401:
      return new RelayError(502, 'github_token_rejected', "GitHub rejected relaykit's GITHUB_TOKEN (expired or revoked). The operator must set a new one; retrying will not help.")
    case 403:
      return new RelayError(
        403,
        'github_forbidden',
        `GitHub refused: relaykit's token needs "${permissionNeeded[operation]}" on this repository.${message ? ` GitHub said: ${message}` : ''}`,
      )
    case 404:
    case 410:
      return new RelayError(404, 'github_not_found', "GitHub found no such repository, pull request or workflow, or relaykit's token cannot see it. Check the names and numbers.")
    case 422:
      return new RelayError(422, 'github_rejected', `GitHub rejected the request as invalid.${message ? ` GitHub said: ${message}` : ''}`)
    default:
      return new RelayError(502, 'github_error', `GitHub answered with status ${response.status}. Try again later.`)
  }
}

/** Marks a fetch that got no answer at all, apart from a failure to read an answer GitHub gave. */
class NoAnswer extends Error {
  constructor(override readonly cause: unknown) {
    super('no answer from GitHub')
  }
}

export const answerOrNoAnswer =
  (fetch: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> => {
    try {
      return await fetch(request)
    } catch (cause) {
      throw new NoAnswer(cause)
    }
  }

/** A call that failed without a usable answer: timed out (504), unreachable or unreadable (502). */
export function githubUnreachable(error: unknown, timeoutMs: number): RelayError {
  const cause = error instanceof NoAnswer ? error.cause : error
  if (isTimeout(cause)) {
    return new RelayError(504, 'github_timeout', `GitHub did not answer within ${timeoutMs} ms. The action may or may not have happened: check on GitHub before retrying.`)
  }
  if (error instanceof NoAnswer) return new RelayError(502, 'github_unreachable', 'relaykit could not reach GitHub. Nothing was done; try again shortly.')
  return unreadableAnswer()
}

/** GitHub answered, but not with what its contract promises: a write may still have happened. */
export const unreadableAnswer = () =>
  new RelayError(502, 'github_unreadable', 'GitHub answered, but relaykit could not read the answer. The action may have happened: check on GitHub before retrying.')

/** Whether a relaykit error code is GitHub's failure (GitHub was asked and answered badly, or not at all). */
export const isGitHubFailure = (code: string) => code.startsWith('github_')

/** Failures after which GitHub certainly did nothing, so a retry may run the write again. */
const NOTHING_DONE = new Set(['github_rate_limited', 'github_unreachable'])

/** Whether GitHub may have acted before this failure, so the answer must be kept for the idempotency key. */
export const gitHubMayHaveActed = (code: string) => isGitHubFailure(code) && !NOTHING_DONE.has(code)
