import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../../../platform/env.js'

/** What relaykit keeps about one client secret it issued. The secret itself is never stored. */
export interface IssuedSession {
  /** OpenAI's session id (`cksess_…`), to cancel it once refreshed. */
  sessionId: string
  /** The ChatKit `user` it was issued to. */
  user: string
  workflowId: string
  /** Unix seconds, as OpenAI answered. */
  expiresAt: number
}

interface Entry {
  session: IssuedSession
  state: 'active' | 'refreshing' | 'revoked'
  /** While refreshing: when the claim lapses (ms). */
  leaseUntil?: number
  /** While refreshing: whose claim it is, so a refresh whose claim lapsed cannot act on a newer one. */
  claimId?: string
}

export type RefreshClaim =
  | { outcome: 'claimed'; session: IssuedSession; claimId: string }
  | { outcome: 'unknown' | 'not_yours' | 'expired' | 'revoked' }
  | { outcome: 'in_progress'; retryAfterSeconds: number }

const ENTRY = 'entry'

/**
 * One client secret relaykit issued, named by the secret's hash, for as long as its session
 * lives (an alarm deletes it then). A refresh claims it; one object per secret serialises the
 * claims, so two refreshes of one secret can never both mint a new session.
 */
export class ChatKitSessionRecord extends DurableObject<Env> {
  register(session: IssuedSession): void {
    this.store({ session, state: 'active' })
    void this.ctx.storage.setAlarm(session.expiresAt * 1000)
  }

  /**
   * Claims the secret for a refresh by `user`. A claim lapses after `leaseMs`, so a Worker that
   * died mid-refresh does not block the secret until it expires.
   */
  claimRefresh(user: string, leaseMs: number): RefreshClaim {
    const entry = this.entry()
    const now = Date.now()
    if (!entry) return { outcome: 'unknown' }
    // Ownership first: another user learns nothing about the session's state.
    if (entry.session.user !== user) return { outcome: 'not_yours' }
    if (entry.session.expiresAt * 1000 <= now) return { outcome: 'expired' }
    if (entry.state === 'revoked') return { outcome: 'revoked' }
    const leaseUntil = entry.state === 'refreshing' ? (entry.leaseUntil ?? 0) : 0
    if (leaseUntil > now) return { outcome: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil((leaseUntil - now) / 1000)) }
    const claimId = crypto.randomUUID()
    this.store({ session: entry.session, state: 'refreshing', leaseUntil: now + leaseMs, claimId })
    return { outcome: 'claimed', session: entry.session, claimId }
  }

  /** The refresh of `claimId` handed out no new session: the secret may be refreshed again. */
  release(claimId: string): void {
    const entry = this.entry()
    if (this.holds(entry, claimId)) this.store({ session: entry.session, state: 'active' })
  }

  /**
   * The refresh of `claimId` minted a new session: the secret can never be refreshed again. False
   * when the claim is no longer held (it lapsed, and another refresh may have claimed the secret):
   * that refresh must then not hand out its session.
   */
  revoke(claimId: string): boolean {
    const entry = this.entry()
    if (!this.holds(entry, claimId)) return false
    this.store({ session: entry.session, state: 'revoked' })
    return true
  }

  override async alarm() {
    await this.ctx.storage.deleteAll()
  }

  private holds(entry: Entry | undefined, claimId: string): entry is Entry {
    return entry?.state === 'refreshing' && entry.claimId === claimId
  }

  private entry(): Entry | undefined {
    return this.ctx.storage.kv.get<Entry>(ENTRY)
  }

  private store(entry: Entry) {
    this.ctx.storage.kv.put(ENTRY, entry)
  }
}
