import { describe, expect, it } from 'vitest'
import { createAccountCache } from './account-cache.js'
import type { AccountDirectory } from './account-directory.js'
import { createAccounts } from './accounts.js'
import { testAccountDirectory } from '../../../../test/support/copilot-accounts.js'
import { createTokenVault } from './token-vault.js'

const OCTOCAT = { id: 583231, login: 'octocat' }

/** An account with one key, two isolates' caches in front of it, a controlled clock, and a count of the asks that reach the account. */
async function setup() {
  let clock = 1_767_225_600_000
  const now = () => clock
  const stored = testAccountDirectory()
  let asks = 0
  const directory: AccountDirectory = (username) => {
    const account = stored(username)
    return {
      ...account,
      authenticate: (hash, at) => {
        asks += 1
        return account.authenticate(hash, at)
      },
    }
  }
  const accounts = createAccounts({ directory: stored, vault: await createTokenVault([crypto.getRandomValues(new Uint8Array(32))]), now, reservedUsernames: [] })
  await accounts.signUp('octocat', OCTOCAT, 'ghu_octocat')
  const created = await accounts.createKey('octocat', OCTOCAT.id, 'laptop')
  if (created.outcome !== 'created') throw new Error(created.outcome)
  return {
    accounts,
    key: created.key,
    keyId: created.view.id,
    isolates: [createAccountCache({ directory, now }), createAccountCache({ directory, now })] as const,
    asks: () => asks,
    advance: (ms: number) => {
      clock += ms
    },
  }
}

describe('createAccountCache', () => {
  it("answers a known key from the isolate's memory for 30 s, then asks the account again", async () => {
    const { isolates, key, asks, advance } = await setup()
    const [cache] = isolates
    expect(await cache.authenticate('octocat', key)).toMatchObject({ username: 'octocat', githubId: OCTOCAT.id, keyName: 'laptop' })
    advance(29_999)
    await cache.authenticate('octocat', key)
    expect(asks()).toBe(1)
    advance(1)
    await cache.authenticate('octocat', key)
    expect(asks()).toBe(2)
  })

  it('refuses a revoked key in every isolate within 30 s', async () => {
    const { accounts, isolates, key, keyId, advance } = await setup()
    for (const cache of isolates) expect(await cache.authenticate('octocat', key)).not.toBeNull()
    advance(10_000)
    await accounts.revokeKey('octocat', OCTOCAT.id, keyId)
    advance(19_999)
    for (const cache of isolates) expect(await cache.authenticate('octocat', key)).not.toBeNull()
    advance(1)
    for (const cache of isolates) expect(await cache.authenticate('octocat', key)).toBeNull()
  })

  it('refuses the keys of a deleted account within 30 s', async () => {
    const { accounts, isolates, key, advance } = await setup()
    const [cache] = isolates
    await cache.authenticate('octocat', key)
    await accounts.deleteAccount('octocat', OCTOCAT.id)
    advance(30_000)
    expect(await cache.authenticate('octocat', key)).toBeNull()
  })

  it('forget makes this isolate ask again at once', async () => {
    const { accounts, isolates, key, keyId } = await setup()
    const [cache] = isolates
    await cache.authenticate('octocat', key)
    await accounts.revokeKey('octocat', OCTOCAT.id, keyId)
    cache.forget('octocat')
    expect(await cache.authenticate('octocat', key)).toBeNull()
  })

  it('does not remember an unknown key, so a key made a moment later works at once', async () => {
    const { accounts, isolates, asks } = await setup()
    const [cache] = isolates
    expect(await cache.authenticate('octocat', 'acpc-not-yet')).toBeNull()
    expect(await cache.authenticate('octocat', 'acpc-not-yet')).toBeNull()
    expect(asks()).toBe(2)
    const created = await accounts.createKey('octocat', OCTOCAT.id, 'new')
    expect(created.outcome === 'created' && (await cache.authenticate('octocat', created.key))).toMatchObject({ keyName: 'new' })
  })

  it('shares one ask among concurrent requests with one key', async () => {
    const { isolates, key, asks } = await setup()
    const [cache] = isolates
    const answers = await Promise.all(Array.from({ length: 8 }, () => cache.authenticate('octocat', key)))
    expect(answers.every((answer) => answer?.keyName === 'laptop')).toBe(true)
    expect(asks()).toBe(1)
  })

  it("does not open another username's account with a key", async () => {
    const { isolates, key } = await setup()
    const [cache] = isolates
    await cache.authenticate('octocat', key)
    expect(await cache.authenticate('someone-else', key)).toBeNull()
  })

  it('fails closed when the account cannot be asked', async () => {
    const { key } = await setup()
    const cache = createAccountCache({
      directory: () => ({ ...testAccountDirectory()('x'), authenticate: () => Promise.reject(new Error('unavailable')) }),
      now: () => 0,
    })
    await expect(cache.authenticate('octocat', key)).rejects.toThrow('unavailable')
  })
})
