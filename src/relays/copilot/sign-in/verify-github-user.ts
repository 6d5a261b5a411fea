import { RelayError } from '../../../platform/relay-error.js'
import { fetchGitHubUser } from '../../../upstreams/copilot/github-user.js'
import type { CopilotDeps } from '../../../upstreams/copilot/settings.js'
import { exchangeGitHubToken } from '../../../upstreams/copilot/token-exchange.js'
import { type GitHubUsers, mayUseCopilot } from '../settings.js'
import type { VerifiedGitHubUser } from './copilot-sign-in.js'

/**
 * Who a GitHub token belongs to, once relaykit has checked that it is theirs (`GET /user`), that
 * COPILOT_GITHUB_USERS lets them in, and that Copilot takes it (one token exchange): before any
 * of it is kept anywhere.
 */
export async function verifyGitHubUser(deps: CopilotDeps, githubToken: string, users: GitHubUsers, setupPageUrl: string): Promise<VerifiedGitHubUser> {
  const user = await fetchGitHubUser(deps, githubToken, setupPageUrl)
  if (!mayUseCopilot(users, user.login)) {
    throw new RelayError(403, 'github_user_not_allowed', `The GitHub user ${user.login} may not sign up on this bridge: COPILOT_GITHUB_USERS does not name them. Ask its operator.`)
  }
  await exchangeGitHubToken(deps, githubToken, setupPageUrl)
  return user
}
