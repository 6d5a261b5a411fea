import { BoundedMap } from '../../../upstreams/copilot/bounded-map.js'
import { singleFlight } from '../../../upstreams/copilot/single-flight.js'
import type { AccountDirectory } from './account-directory.js'
import type { AccountSnapshot } from './copilot-account.js'
import { keyHash } from './relaykit-key.js'

/** How long an isolate trusts what it learned of a key: a revoked key is refused everywhere within this. */
export const REVALIDATE_AFTER_MS = 30_000
const MAX_ENTRIES = 10_000

export interface AccountCacheOptions {
  directory: AccountDirectory
  /** Milliseconds since the epoch. */
  now: () => number
  revalidateAfterMs?: number
}

/**
 * The hot path's view of the accounts: a presented key's account, asked of its Durable Object
 * at most once every `revalidateAfterMs` per key and isolate (concurrent requests share one
 * ask). A key that is unknown is not remembered, so a new key works at once.
 */
export function createAccountCache({ directory, now, revalidateAfterMs = REVALIDATE_AFTER_MS }: AccountCacheOptions) {
  const known = new BoundedMap<string, { snapshot: AccountSnapshot; checkedAt: number }>(MAX_ENTRIES)
  const once = singleFlight<string, AccountSnapshot | null>()

  async function revalidate(entryKey: string, username: string, hash: string): Promise<AccountSnapshot | null> {
    const checkedAt = now()
    const snapshot = await directory(username).authenticate(hash, checkedAt)
    if (snapshot) known.set(entryKey, { snapshot, checkedAt })
    else known.delete(entryKey)
    return snapshot
  }

  return {
    /** The account `key` opens at `/<username>/…`, or null. Throws when the account cannot be asked (refuse, do not guess). */
    async authenticate(username: string, key: string): Promise<AccountSnapshot | null> {
      const hash = await keyHash(key)
      const entryKey = `${username}\n${hash}`
      const entry = known.get(entryKey)
      if (entry && now() - entry.checkedAt < revalidateAfterMs) return entry.snapshot
      return once(entryKey, () => revalidate(entryKey, username, hash))
    },

    /** Forgets what this isolate knows of an account's keys (after it revoked one, or deleted the account). */
    forget(username: string): void {
      for (const entryKey of known.keys()) if (entryKey.startsWith(`${username}\n`)) known.delete(entryKey)
    },
  }
}

export type AccountCache = ReturnType<typeof createAccountCache>
