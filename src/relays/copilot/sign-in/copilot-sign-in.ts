import { DurableObject } from 'cloudflare:workers'

/** A GitHub user relaykit has verified: the token works for Copilot and belongs to them. */
export interface VerifiedGitHubUser {
  id: number
  login: string
}

/** What a sign-in keeps while the person approves it at GitHub. */
export interface PendingSignIn {
  /** GitHub's device code, sealed: whoever holds it receives the person's token. */
  sealedDeviceCode: string
  intervalSeconds: number
  /** Milliseconds since the epoch. */
  expiresAt: number
}

export type PollClaim =
  /** Ask GitHub now, with this device code. */
  | { outcome: 'poll'; sealedDeviceCode: string; intervalSeconds: number }
  /** Too soon after the last ask: GitHub is not asked. */
  | { outcome: 'wait'; intervalSeconds: number }
  /** No such sign-in, or it is over (expired, used, denied). */
  | { outcome: 'ended' }

interface Pending extends PendingSignIn {
  state: 'pending'
  /** Before this (ms), GitHub is not asked again. */
  nextPollAt: number
}

interface SignedIn {
  state: 'signed_in'
  user: VerifiedGitHubUser
  /** The person's GitHub token, sealed, until they choose a username or the session ends. */
  sealedToken: string
}

const ENTRY = 'sign-in'

/**
 * One sign-in, named by the id the browser polls with (never GitHub's device code). It asks
 * GitHub at most once per interval whatever the browser does, and once GitHub approved, keeps
 * the verified user's sealed token for the session that follows; an alarm then forgets it all.
 */
export class CopilotSignIn extends DurableObject<unknown> {
  start(pending: PendingSignIn): void {
    this.store({ ...pending, state: 'pending', nextPollAt: 0 })
    void this.ctx.storage.setAlarm(pending.expiresAt)
  }

  /** Claims the next ask of GitHub; concurrent polls get `wait`, so GitHub is asked once per interval. */
  claimPoll(now: number): PollClaim {
    const entry = this.entry()
    if (entry?.state !== 'pending' || entry.expiresAt <= now) return { outcome: 'ended' }
    if (now < entry.nextPollAt) return { outcome: 'wait', intervalSeconds: entry.intervalSeconds }
    this.store({ ...entry, nextPollAt: now + entry.intervalSeconds * 1000 })
    return { outcome: 'poll', sealedDeviceCode: entry.sealedDeviceCode, intervalSeconds: entry.intervalSeconds }
  }

  /** GitHub said to wait (`slow_down` lengthens the interval for every later ask). */
  keepWaiting(intervalSeconds: number, now: number): void {
    const entry = this.entry()
    if (entry?.state === 'pending') this.store({ ...entry, intervalSeconds, nextPollAt: now + intervalSeconds * 1000 })
  }

  /** GitHub approved, and relaykit verified the user: the device code is forgotten, the session begins. */
  signIn(user: VerifiedGitHubUser, sealedToken: string, sessionEndsAt: number): void {
    this.store({ state: 'signed_in', user, sealedToken })
    void this.ctx.storage.setAlarm(sessionEndsAt)
  }

  /** The signed-in user's sealed token, for the user the session names only. */
  sealedTokenOf(githubId: number): string | null {
    const entry = this.entry()
    return entry?.state === 'signed_in' && entry.user.id === githubId ? entry.sealedToken : null
  }

  /** Denied, expired, refused by relaykit, or no longer needed: nothing is kept. */
  async end(): Promise<void> {
    await this.ctx.storage.deleteAll()
  }

  override async alarm() {
    await this.ctx.storage.deleteAll()
  }

  private entry(): Pending | SignedIn | undefined {
    return this.ctx.storage.kv.get<Pending | SignedIn>(ENTRY)
  }

  private store(entry: Pending | SignedIn) {
    this.ctx.storage.kv.put(ENTRY, entry)
  }
}
