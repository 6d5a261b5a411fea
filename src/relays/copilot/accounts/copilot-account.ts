import { DurableObject } from 'cloudflare:workers'

/** The most named keys one account holds (one per tool is the use). */
export const MAX_KEYS = 20

/** What a request needs of its account: who it is, its sealed GitHub token, and which key let it in. */
export interface AccountSnapshot {
  username: string
  githubId: number
  githubLogin: string
  /** Sealed by the token vault; opened only to exchange it for a Copilot token. */
  sealedToken: string
  /** New with every GitHub token the account stores: names it in caches of Copilot tokens. */
  tokenId: string
  keyId: string
  keyName: string
}

export interface AccountView {
  username: string
  githubId: number
  githubLogin: string
  /** Milliseconds since the epoch. */
  createdAt: number
  keys: KeyView[]
}

export interface KeyView {
  id: string
  name: string
  createdAt: number
  /** To the nearest revalidation (at most 30 s per isolate); null until first used. */
  lastUsedAt: number | null
}

export interface Claim {
  username: string
  githubId: number
  githubLogin: string
  sealedToken: string
  now: number
}

export type ClaimOutcome = { outcome: 'created' | 'signed_in_again'; tokenId: string } | { outcome: 'taken' }

export interface NewKey {
  name: string
  hash: string
  now: number
}

export type AddKeyOutcome = { outcome: 'added'; key: KeyView } | { outcome: 'not_owner' | 'name_taken' | 'too_many' }

type AccountRow = {
  username: string
  github_id: number
  github_login: string
  sealed_token: string
  token_id: string
  created_at: number
}

type KeyRow = {
  id: string
  name: string
  hash: string
  created_at: number
  last_used_at: number | null
}

const encoder = new TextEncoder()

/** Equal strings, compared without an early exit, so timing tells nothing about where they differ. */
function sameSecret(a: string, b: string): boolean {
  const [left, right] = [encoder.encode(a), encoder.encode(b)]
  return left.byteLength === right.byteLength && crypto.subtle.timingSafeEqual(left, right)
}

const keyView = (row: KeyRow): KeyView => ({ id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at })

/**
 * One Copilot bridge account, named by its username: the source of truth for who owns the
 * username, their sealed GitHub token and their relaykit keys. Every method reads and writes
 * storage synchronously, so requests to one account can never interleave inside a method: two
 * sign-ups racing for a username end with exactly one owner.
 */
export class CopilotAccount extends DurableObject<unknown> {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env)
    this.ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS account (
        only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
        username TEXT NOT NULL,
        github_id INTEGER NOT NULL,
        github_login TEXT NOT NULL,
        sealed_token TEXT NOT NULL,
        token_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS relaykit_key (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER
      );
    `)
  }

  /**
   * Binds the username to a GitHub user, or stores a new GitHub token of the user it is bound to
   * (a new sign-in). Another GitHub user is refused: a username never changes hands.
   */
  claim({ username, githubId, githubLogin, sealedToken, now }: Claim): ClaimOutcome {
    const owner = this.account()
    if (owner && owner.github_id !== githubId) return { outcome: 'taken' }
    const tokenId = crypto.randomUUID()
    if (owner) {
      this.sql('UPDATE account SET github_login = ?, sealed_token = ?, token_id = ?', githubLogin, sealedToken, tokenId)
      return { outcome: 'signed_in_again', tokenId }
    }
    this.sql(
      'INSERT INTO account (only_row, username, github_id, github_login, sealed_token, token_id, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
      username,
      githubId,
      githubLogin,
      sealedToken,
      tokenId,
      now,
    )
    return { outcome: 'created', tokenId }
  }

  /** The account as its owner sees it; null unless `githubId` owns it. */
  view(githubId: number): AccountView | null {
    const owner = this.account()
    if (owner?.github_id !== githubId) return null
    const keys = this.sql<KeyRow>('SELECT * FROM relaykit_key ORDER BY created_at, id').toArray().map(keyView)
    return { username: owner.username, githubId: owner.github_id, githubLogin: owner.github_login, createdAt: owner.created_at, keys }
  }

  /** The account behind a key, by the key's hash (compared with every stored hash in constant time); records the use. */
  authenticate(hash: string, now: number): AccountSnapshot | null {
    const owner = this.account()
    if (!owner) return null
    let found: KeyRow | undefined
    for (const row of this.sql<KeyRow>('SELECT * FROM relaykit_key')) {
      if (sameSecret(row.hash, hash)) found = row
    }
    if (!found) return null
    this.sql('UPDATE relaykit_key SET last_used_at = ? WHERE id = ?', now, found.id)
    return {
      username: owner.username,
      githubId: owner.github_id,
      githubLogin: owner.github_login,
      sealedToken: owner.sealed_token,
      tokenId: owner.token_id,
      keyId: found.id,
      keyName: found.name,
    }
  }

  /** The sealed GitHub token, for the GitHub user who owns the account only. */
  sealedTokenOf(githubId: number): string | null {
    const owner = this.account()
    return owner?.github_id === githubId ? owner.sealed_token : null
  }

  addKey(githubId: number, { name, hash, now }: NewKey): AddKeyOutcome {
    if (this.account()?.github_id !== githubId) return { outcome: 'not_owner' }
    const keys = this.sql<KeyRow>('SELECT * FROM relaykit_key').toArray()
    if (keys.some((key) => key.name === name)) return { outcome: 'name_taken' }
    if (keys.length >= MAX_KEYS) return { outcome: 'too_many' }
    const row: KeyRow = { id: crypto.randomUUID(), name, hash, created_at: now, last_used_at: null }
    this.sql('INSERT INTO relaykit_key (id, name, hash, created_at, last_used_at) VALUES (?, ?, ?, ?, NULL)', row.id, name, hash, now)
    return { outcome: 'added', key: keyView(row) }
  }

  revokeKey(githubId: number, keyId: string): 'revoked' | 'unknown' | 'not_owner' {
    if (this.account()?.github_id !== githubId) return 'not_owner'
    return this.sql('DELETE FROM relaykit_key WHERE id = ?', keyId).rowsWritten > 0 ? 'revoked' : 'unknown'
  }

  /** Forgets the account, its token and its keys: the username is free again. */
  deleteAccount(githubId: number): 'deleted' | 'not_owner' {
    if (this.account()?.github_id !== githubId) return 'not_owner'
    this.ctx.storage.transactionSync(() => {
      this.sql('DELETE FROM relaykit_key')
      this.sql('DELETE FROM account')
    })
    return 'deleted'
  }

  private account(): AccountRow | undefined {
    return this.sql<AccountRow>('SELECT * FROM account').toArray()[0]
  }

  private sql<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: SqlStorageValue[]) {
    return this.ctx.storage.sql.exec<T>(query, ...bindings)
  }
}
