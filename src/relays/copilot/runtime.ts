import type { UpstreamFetch } from '../../platform/relay-module.js'
import { createModelsCache } from '../../upstreams/copilot/models.js'
import type { CopilotDeps } from '../../upstreams/copilot/settings.js'
import { createCopilotTokens } from '../../upstreams/copilot/token-exchange.js'
import { createAccountCache } from './accounts/account-cache.js'
import { accountDirectory } from './accounts/account-directory.js'
import { createAccounts } from './accounts/accounts.js'
import { createTokenVault } from './accounts/token-vault.js'
import { prepareSandboxAccount } from './sandbox-account.js'
import type { CopilotRelaySettings } from './settings.js'
import { sessionKeys } from './sign-in/session-cookie.js'
import { signInDirectory } from './sign-in/sign-in-directory.js'

export interface RuntimeDependencies {
  fetch: UpstreamFetch
  reservedUsernames: () => readonly string[]
  /** Milliseconds since the epoch. */
  now: () => number
}

/** What the relay keeps for one set of settings while the isolate lives: its caches, its vault, its stores. */
export async function createRuntime(settings: CopilotRelaySettings, { fetch, reservedUsernames, now }: RuntimeDependencies) {
  const deps: CopilotDeps = { fetch, settings: settings.upstream }
  const directory = accountDirectory(settings.accounts)
  const vault = await createTokenVault(settings.tokenKeys)
  const runtime = {
    deps,
    settings,
    now,
    vault,
    directory,
    sessionKeys: await sessionKeys(settings.tokenKeys),
    accounts: createAccounts({ directory, vault, now, reservedUsernames: reservedUsernames() }),
    accountCache: createAccountCache({ directory, now }),
    signIns: signInDirectory(settings.signIns),
    tokens: createCopilotTokens({ ...deps, now }),
    models: createModelsCache({ now }),
  }
  let sandboxAccount: Promise<void> | undefined
  return {
    ...runtime,
    /** Resolves once the sandbox's account is ready (at once outside the sandbox); a failure is tried again on the next request. */
    sandboxAccountReady: () =>
      (sandboxAccount ??= prepareSandboxAccount(runtime).catch((error: unknown) => {
        sandboxAccount = undefined
        throw error
      })),
    /**
     * After a key is revoked or an account deleted: the cache forgets the account, and the sandbox
     * makes its own account and public key again on its next request (pressing "delete" on /docs
     * must not leave the sandbox's examples broken until it restarts).
     */
    accountChanged(username: string) {
      runtime.accountCache.forget(username)
      sandboxAccount = undefined
    },
  }
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>

/** One runtime per settings object: the settings are read once per bindings object, so this is once per isolate. */
export function runtimes(dependencies: RuntimeDependencies): (settings: CopilotRelaySettings) => Promise<Runtime> {
  const made = new WeakMap<CopilotRelaySettings, Promise<Runtime>>()
  return (settings) => {
    let runtime = made.get(settings)
    if (!runtime) {
      // A runtime that could not be made is tried again on the next request.
      runtime = createRuntime(settings, dependencies).catch((error: unknown) => {
        made.delete(settings)
        throw error
      })
      made.set(settings, runtime)
    }
    return runtime
  }
}
