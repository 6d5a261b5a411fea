import type * as z from 'zod'
import { githubFailure } from './failures.js'
import { githubHeaders } from './headers.js'
import { CopilotUpstreamError } from './problem.js'
import type { CopilotDeps } from './settings.js'
import { readAnswer, send } from './upstream-call.js'

/**
 * `GET` of GitHub's API with the account's GitHub token, read as `answer`. `what` names the
 * answer in the message when it is not in the shape relaykit knows.
 */
export async function getFromGitHub<T>(deps: CopilotDeps, path: string, githubToken: string, setupPageUrl: string, answer: z.ZodType<T>, what: string): Promise<T> {
  const response = await send(deps, 'GitHub', new Request(`${deps.settings.githubApiUrl}${path}`, { headers: githubHeaders(githubToken) }))
  const { json, text } = await readAnswer(response)
  if (!response.ok) throw new CopilotUpstreamError(githubFailure(response.status, response.headers, json, text, setupPageUrl))
  const parsed = answer.safeParse(json)
  if (!parsed.success) throw new CopilotUpstreamError({ status: 502, code: 'github_error', message: `GitHub answered ${what} in a shape relaykit does not know. Try again later.` })
  return parsed.data
}
