import * as z from 'zod'
import { getFromGitHub } from './github-api.js'
import type { CopilotDeps } from './settings.js'

/** The GitHub user a token belongs to: the id never changes, the login can. */
export interface GitHubUser {
  id: number
  login: string
}

const userAnswer = z.object({ id: z.number().int().positive(), login: z.string().min(1) })

/** Who the GitHub token belongs to (`GET /user`). */
export async function fetchGitHubUser(deps: CopilotDeps, githubToken: string, setupPageUrl: string): Promise<GitHubUser> {
  const { id, login } = await getFromGitHub(deps, '/user', githubToken, setupPageUrl, userAnswer, 'GET /user')
  return { id, login }
}
