/**
 * A failure to show the caller, in no API's envelope: the relay renders it as OpenAI's or
 * Anthropic's error. The message says what to do.
 */
export interface CopilotProblem {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 502 | 503 | 504
  code: string
  message: string
  retryAfterSeconds?: number
}

/** Thrown by the Copilot and GitHub clients; carries the problem to show. */
export class CopilotUpstreamError extends Error {
  override readonly name = 'CopilotUpstreamError'

  constructor(readonly problem: CopilotProblem) {
    super(problem.message)
  }
}
