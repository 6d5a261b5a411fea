import { describe, expect, it } from 'vitest'
import { testAccountDirectory } from '../../../../test/support/copilot-accounts.js'
import type { AccountDirectory } from './account-directory.js'
import { createAccounts } from './accounts.js'
import { MAX_KEYS } from './copilot-account.js'
import { keyHash } from './relaykit-key.js'
import { createTokenVault } from './token-vault.js'

const OCTOCAT = { id: 583231, login: 'octocat' }
const MALLORY = { id: 666, login: 'mallory' }
const TOKEN = 'ghu_octocatToken0000000000000000000000'
const RESERVED = ['copilot', 'github', 'docs']

async function setup(directory: AccountDirectory = testAccountDirectory()) {
  let clock = 1_767_225_600_000
  const vault = await createTokenVault([crypto.getRandomValues(new Uint8Array(32))])
  const accounts = createAccounts({ directory, vault, now: () => clock, reservedUsernames: RESERVED })
  return {
    accounts,
    directory,
    vault,
    advance: (ms: number) => {
      clock += ms
    },
  }
}

type Accounts = Awaited<ReturnType<typeof setup>>['accounts']

/** A new key of octocat's account, which must be made. */
async function newKey(accounts: Accounts, name: string) {
  const created = await accounts.createKey('octocat', OCTOCAT.id, name)
  if (created.outcome !== 'created') throw new Error(`no key made: ${created.outcome}`)
  return created
}

/** The account a key opens at /octocat, which must be one. */
async function opened(directory: AccountDirectory, key: string) {
  const snapshot = await directory('octocat').authenticate(await keyHash(key), 0)
  if (!snapshot) throw new Error('the key opens no account')
  return snapshot
}

describe('signUp', () => {
  it('binds a free username to the GitHub user', async () => {
    const { accounts } = await setup()
    expect(await accounts.signUp('octocat', OCTOCAT, TOKEN)).toMatchObject({ outcome: 'created', tokenId: expect.any(String) })
    expect(await accounts.view('octocat', OCTOCAT.id)).toEqual({ username: 'octocat', githubId: OCTOCAT.id, githubLogin: 'octocat', createdAt: 1_767_225_600_000, keys: [] })
  })

  it('refuses the username to another GitHub user, and keeps the owner and their token', async () => {
    const { accounts, directory } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const { key } = await newKey(accounts, 'laptop')
    expect(await accounts.signUp('octocat', MALLORY, 'ghu_mallory')).toEqual({ outcome: 'taken' })
    expect(await accounts.view('octocat', MALLORY.id)).toBeNull()
    const snapshot = await opened(directory, key)
    expect(await accounts.githubToken(snapshot)).toBe(TOKEN)
    expect(snapshot.githubId).toBe(OCTOCAT.id)
  })

  it('lets two sign-ups racing for one username end with exactly one owner', async () => {
    const { accounts } = await setup()
    const rivals = Array.from({ length: 6 }, (_, index) => ({ id: 1000 + index, login: `rival${index}` }))
    const outcomes = await Promise.all(rivals.map((rival) => accounts.signUp('contested', rival, `ghu_rival${rival.id}`)))
    expect(outcomes.filter((outcome) => outcome.outcome === 'created')).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome.outcome === 'taken')).toHaveLength(rivals.length - 1)
    const winner = rivals[outcomes.findIndex((outcome) => outcome.outcome === 'created')]
    const views = await Promise.all(rivals.map((rival) => accounts.view('contested', rival.id)))
    expect(views.filter(Boolean)).toEqual([expect.objectContaining({ githubId: winner?.id, githubLogin: winner?.login })])
  })

  it("stores a new token when the owner signs in again, keeping the account's keys", async () => {
    const { accounts, directory } = await setup()
    const first = await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const { key } = await newKey(accounts, 'laptop')
    const again = await accounts.signUp('octocat', { ...OCTOCAT, login: 'octocat-renamed' }, 'ghu_newToken')
    expect(again).toMatchObject({ outcome: 'signed_in_again' })
    expect(again.outcome === 'signed_in_again' && first.outcome === 'created' && again.tokenId !== first.tokenId).toBe(true)
    const snapshot = await opened(directory, key)
    expect(snapshot.githubLogin).toBe('octocat-renamed')
    expect(await accounts.githubToken(snapshot)).toBe('ghu_newToken')
  })

  it('refuses invalid and reserved usernames before storing anything', async () => {
    const { accounts } = await setup()
    expect(await accounts.signUp('Octo_Cat', OCTOCAT, TOKEN)).toMatchObject({ outcome: 'invalid_username' })
    expect(await accounts.signUp('copilot', OCTOCAT, TOKEN)).toMatchObject({ outcome: 'invalid_username', reason: expect.stringContaining("relaykit's own paths") })
  })

  it('stores the GitHub token only sealed', async () => {
    const { accounts, directory } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const { key } = await newKey(accounts, 'laptop')
    const snapshot = await opened(directory, key)
    expect(JSON.stringify(snapshot)).not.toContain(TOKEN)
    expect(snapshot.sealedToken).toMatch(/^v1\./)
    expect(await accounts.githubToken(snapshot)).toBe(TOKEN)
  })
})

describe('keys', () => {
  it('makes acpc- keys of at least 128 random bits, stores only their hash and shows them once', async () => {
    const { accounts } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const created = await accounts.createKey('octocat', OCTOCAT.id, 'laptop')
    expect(created).toMatchObject({ outcome: 'created', key: expect.stringMatching(/^acpc-[A-Za-z0-9_-]{43}$/), view: { name: 'laptop', lastUsedAt: null } })
    const view = await accounts.view('octocat', OCTOCAT.id)
    expect(JSON.stringify(view)).not.toContain(created.outcome === 'created' ? created.key : 'x')
    const other = await accounts.createKey('octocat', OCTOCAT.id, 'editor')
    expect(other.outcome === 'created' && created.outcome === 'created' && other.key !== created.key).toBe(true)
  })

  it('opens the account with any of its keys and records when each was last used', async () => {
    const { accounts, directory, advance } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const laptop = await newKey(accounts, 'laptop')
    const editor = await newKey(accounts, 'editor')
    advance(1000)
    const snapshot = await directory('octocat').authenticate(await keyHash(editor.key), 1_767_225_601_000)
    expect(snapshot).toMatchObject({ username: 'octocat', githubId: OCTOCAT.id, keyId: editor.view.id, keyName: 'editor' })
    const keys = (await accounts.view('octocat', OCTOCAT.id))?.keys
    expect(keys?.find((key) => key.id === editor.view.id)?.lastUsedAt).toBe(1_767_225_601_000)
    expect(keys?.find((key) => key.id === laptop.view.id)?.lastUsedAt).toBeNull()
    expect(await directory('octocat').authenticate(await keyHash('acpc-wrong'), 0)).toBeNull()
    expect(await directory('octocat').authenticate(await keyHash(laptop.key), 0)).toMatchObject({ keyName: 'laptop' })
  })

  it('refuses a key at another username', async () => {
    const { accounts, directory } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    await accounts.signUp('mallory', MALLORY, 'ghu_mallory')
    const { key } = await newKey(accounts, 'laptop')
    expect(await directory('mallory').authenticate(await keyHash(key), 0)).toBeNull()
  })

  it('revokes a key: it opens nothing any more, and the other keys still work', async () => {
    const { accounts, directory } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const laptop = await newKey(accounts, 'laptop')
    const editor = await newKey(accounts, 'editor')
    expect(await accounts.revokeKey('octocat', MALLORY.id, laptop.view.id)).toBe('not_owner')
    expect(await accounts.revokeKey('octocat', OCTOCAT.id, laptop.view.id)).toBe('revoked')
    expect(await accounts.revokeKey('octocat', OCTOCAT.id, laptop.view.id)).toBe('unknown')
    expect(await directory('octocat').authenticate(await keyHash(laptop.key), 0)).toBeNull()
    expect(await directory('octocat').authenticate(await keyHash(editor.key), 0)).not.toBeNull()
  })

  it('only lets the owner make keys, with names that are distinct and plain, up to the limit', async () => {
    const { accounts } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    expect(await accounts.createKey('octocat', MALLORY.id, 'sneaky')).toEqual({ outcome: 'not_owner' })
    expect(await accounts.createKey('nobody', OCTOCAT.id, 'x')).toEqual({ outcome: 'not_owner' })
    expect(await accounts.createKey('octocat', OCTOCAT.id, '<script>')).toMatchObject({ outcome: 'invalid_name' })
    expect(await accounts.createKey('octocat', OCTOCAT.id, ' ')).toMatchObject({ outcome: 'invalid_name' })
    expect(await accounts.createKey('octocat', OCTOCAT.id, 'Claude Code (work)')).toMatchObject({ outcome: 'created' })
    expect(await accounts.createKey('octocat', OCTOCAT.id, 'Claude Code (work)')).toEqual({ outcome: 'name_taken' })
    for (let index = 1; index < MAX_KEYS; index += 1) await accounts.createKey('octocat', OCTOCAT.id, `key ${index}`)
    expect(await accounts.createKey('octocat', OCTOCAT.id, 'one too many')).toEqual({ outcome: 'too_many' })
  })
})

describe('deleteAccount', () => {
  it('forgets the account, its token and its keys, and frees the username', async () => {
    const { accounts, directory } = await setup()
    await accounts.signUp('octocat', OCTOCAT, TOKEN)
    const { key } = await newKey(accounts, 'laptop')
    expect(await accounts.deleteAccount('octocat', MALLORY.id)).toBe('not_owner')
    expect(await accounts.deleteAccount('octocat', OCTOCAT.id)).toBe('deleted')
    expect(await directory('octocat').authenticate(await keyHash(key), 0)).toBeNull()
    expect(await accounts.view('octocat', OCTOCAT.id)).toBeNull()
    expect(await accounts.signUp('octocat', MALLORY, 'ghu_mallory')).toMatchObject({ outcome: 'created' })
  })
})
