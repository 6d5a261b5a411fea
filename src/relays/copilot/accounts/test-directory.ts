import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { AccountDirectory } from './account-directory.js'
import { CopilotAccount } from './copilot-account.js'

/**
 * Accounts for tests, each in its own SQLite-backed Durable Object. The test Worker has no
 * CopilotAccount namespace of its own yet, so every call runs CopilotAccount's code on the
 * storage of an object of another SQLite class, inside that object, one call at a time as RPC
 * calls are. `run` names this directory's objects apart from every other test's.
 */
export function testAccountDirectory(run = crypto.randomUUID()): AccountDirectory {
  const namespace = env.RATE_LIMITER
  if (!namespace) throw new Error('The test Worker binds no RATE_LIMITER (wrangler.toml).')
  const onAccount = <T>(username: string, call: (account: CopilotAccount) => T): Promise<T> =>
    runInDurableObject(namespace.get(namespace.idFromName(`copilot-account-test:${run}:${username}`)), (_instance, state) => call(new CopilotAccount(state, {})))
  return (username) => ({
    claim: (claim) => onAccount(username, (account) => account.claim(claim)),
    view: (githubId) => onAccount(username, (account) => account.view(githubId)),
    authenticate: (hash, now) => onAccount(username, (account) => account.authenticate(hash, now)),
    addKey: (githubId, key) => onAccount(username, (account) => account.addKey(githubId, key)),
    revokeKey: (githubId, keyId) => onAccount(username, (account) => account.revokeKey(githubId, keyId)),
    deleteAccount: (githubId) => onAccount(username, (account) => account.deleteAccount(githubId)),
  })
}
