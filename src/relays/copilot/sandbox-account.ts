import { fetchGitHubUser } from '../../upstreams/copilot/github-user.js'
import type { CopilotDeps } from '../../upstreams/copilot/settings.js'
import type { AccountDirectory } from './accounts/account-directory.js'
import type { Accounts } from './accounts/accounts.js'
import { keyHash } from './accounts/relaykit-key.js'
import type { CopilotRelaySettings } from './settings.js'

interface SandboxAccountDeps {
  settings: CopilotRelaySettings
  deps: CopilotDeps
  accounts: Accounts
  directory: AccountDirectory
  now: () => number
}

const SANDBOX_KEY_NAME = 'sandbox'

/**
 * Keeps the sandbox's account ready: the fake GitHub's user, under their own login as the
 * username, holding the sandbox's public key, so the bridge answers out of the box. Signing in
 * again each isolate changes nothing a caller sees.
 */
export async function prepareSandboxAccount({ settings, deps, accounts, directory, now }: SandboxAccountDeps): Promise<void> {
  const sandbox = settings.sandboxAccount
  if (!sandbox) return
  const user = await fetchGitHubUser(deps, sandbox.githubToken, 'the sandbox')
  const signedUp = await accounts.signUp(user.login, user, sandbox.githubToken)
  if (signedUp.outcome !== 'created' && signedUp.outcome !== 'signed_in_again') throw new Error(`the sandbox account could not be made: ${signedUp.outcome}`)
  const view = await accounts.view(user.login, user.id)
  if (view?.keys.some((key) => key.name === SANDBOX_KEY_NAME)) return
  await directory(user.login).addKey(user.id, { name: SANDBOX_KEY_NAME, hash: await keyHash(sandbox.key), now: now() })
}
