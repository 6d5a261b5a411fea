import type { GitHubUser } from '../../../upstreams/copilot/github-user.js'
import type { AccountDirectory } from './account-directory.js'
import type { AccountSnapshot, AccountView, KeyView } from './copilot-account.js'
import { keyHash, newRelaykitKey } from './relaykit-key.js'
import type { TokenVault } from './token-vault.js'
import { checkUsername } from './username.js'

const MAX_KEY_NAME_LENGTH = 64
/** Letters, digits, spaces and common punctuation: names show on the setup page. */
const KEY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._:@()+/-]*$/u

export type SignUpOutcome =
  | { outcome: 'created' | 'signed_in_again'; tokenId: string }
  | { outcome: 'invalid_username'; reason: string }
  /** The username belongs to another GitHub user. */
  | { outcome: 'taken' }

export type CreateKeyOutcome =
  /** `key` is shown once and never again: only its hash is kept. */
  { outcome: 'created'; key: string; view: KeyView } | { outcome: 'invalid_name'; reason: string } | { outcome: 'not_owner' | 'name_taken' | 'too_many' }

export interface AccountsOptions {
  directory: AccountDirectory
  vault: TokenVault
  now: () => number
  /** relaykit's own first path segments, which no username may be. */
  reservedUsernames: readonly string[]
}

/**
 * The Copilot bridge's accounts, as the setup page and the relay use them. The GitHub user
 * passed in is one relaykit has verified (a token exchange and `GET /user` with the token).
 */
export function createAccounts({ directory, vault, now, reservedUsernames }: AccountsOptions) {
  return {
    /** Binds `username` to the GitHub user, storing their GitHub token sealed; or stores a new token of its owner. */
    async signUp(username: string, githubUser: GitHubUser, githubToken: string): Promise<SignUpOutcome> {
      const check = checkUsername(username, reservedUsernames)
      if (!check.ok) return { outcome: 'invalid_username', reason: check.reason }
      const sealedToken = await vault.seal(githubToken, username)
      return directory(username).claim({ username, githubId: githubUser.id, githubLogin: githubUser.login, sealedToken, now: now() })
    },

    /** Makes a new relaykit key for the account, named so its owner can tell their keys apart. */
    async createKey(username: string, githubId: number, name: string): Promise<CreateKeyOutcome> {
      const trimmed = name.trim()
      if (trimmed.length > MAX_KEY_NAME_LENGTH || !KEY_NAME.test(trimmed)) {
        return { outcome: 'invalid_name', reason: `A key's name has 1 to ${MAX_KEY_NAME_LENGTH} letters, digits, spaces or . _ : @ ( ) + / -, and starts with a letter or digit.` }
      }
      const key = newRelaykitKey()
      const added = await directory(username).addKey(githubId, { name: trimmed, hash: await keyHash(key), now: now() })
      return added.outcome === 'added' ? { outcome: 'created', key, view: added.key } : added
    },

    view: (username: string, githubId: number): Promise<AccountView | null> => directory(username).view(githubId),

    revokeKey: (username: string, githubId: number, keyId: string) => directory(username).revokeKey(githubId, keyId),

    deleteAccount: (username: string, githubId: number) => directory(username).deleteAccount(githubId),

    /** The account's GitHub token, in clear, for the one moment it is exchanged for a Copilot token. */
    githubToken: (snapshot: AccountSnapshot): Promise<string> => vault.open(snapshot.sealedToken, snapshot.username),

    /** The GitHub token of an account `githubId` owns, in clear, for one call to GitHub; null when they own no such account. */
    async ownersGithubToken(username: string, githubId: number): Promise<string | null> {
      const sealed = await directory(username).sealedTokenOf(githubId)
      return sealed === null ? null : vault.open(sealed, username)
    },
  }
}

export type Accounts = ReturnType<typeof createAccounts>
