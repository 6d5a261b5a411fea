import { RelayError, retryLater } from '../../platform/relay-error.js'
import { signInAgain } from '../../upstreams/copilot/failures.js'
import { type CopilotProblem, CopilotUpstreamError } from '../../upstreams/copilot/problem.js'
import { SealedTokenError } from './accounts/token-vault.js'

/** A GitHub or Copilot problem as the refusal relaykit answers, with its wait where it has one. */
export function relayErrorOf({ status, code, message, retryAfterSeconds }: CopilotProblem): RelayError {
  if (retryAfterSeconds !== undefined && (status === 429 || status === 503)) return retryLater(status, code, message, retryAfterSeconds)
  return new RelayError(status, code, message)
}

/**
 * Runs a step that calls GitHub or Copilot, or opens a sealed token, and answers what went
 * wrong as a refusal that says what to do: a token relaykit can no longer open (its key left
 * COPILOT_TOKEN_KEY) needs a new sign-in, as a revoked one does.
 */
export async function answeringProblems<T>(setupPageUrl: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof CopilotUpstreamError) throw relayErrorOf(error.problem)
    if (error instanceof SealedTokenError) throw relayErrorOf(signInAgain(setupPageUrl))
    throw error
  }
}
