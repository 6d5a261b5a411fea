import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env.js'

/** The first answer to a write, as replayed for a repeated key. */
export interface StoredAnswer {
  status: number
  /** The JSON body as sent. */
  body: string
  /** The X-Request-Id of the request that got it first. */
  requestId: string
  retryAfter?: string
  /** The first request was a dry run (for the audit record of a replay). */
  dryRun?: boolean
}

type Entry = { state: 'running'; fingerprint: string; leaseUntil: number } | { state: 'done'; fingerprint: string; answer: StoredAnswer; keepUntil: number }

export type Claim = { outcome: 'started' } | { outcome: 'in_progress'; retryAfterSeconds: number } | { outcome: 'mismatch' } | { outcome: 'replay'; answer: StoredAnswer }

const ENTRY = 'entry'

const expiry = (entry: Entry) => (entry.state === 'running' ? entry.leaseUntil : entry.keepUntil)

/**
 * What one idempotency key has seen: nothing, a request still running, or the first answer,
 * kept for a while and then forgotten (an alarm deletes it). One object per key, so claims for
 * the same key are serialised and two retries can never both start the write.
 */
export class IdempotencyRecord extends DurableObject<Env> {
  /**
   * Claims the key for a request with this fingerprint. A running claim lapses after `leaseMs`,
   * so a Worker that died mid-write does not block the key for the whole day.
   */
  claim(fingerprint: string, leaseMs: number): Claim {
    const now = Date.now()
    const entry = this.ctx.storage.kv.get<Entry>(ENTRY)
    if (entry && expiry(entry) > now) {
      if (entry.fingerprint !== fingerprint) return { outcome: 'mismatch' }
      if (entry.state === 'running') return { outcome: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil((entry.leaseUntil - now) / 1000)) }
      return { outcome: 'replay', answer: entry.answer }
    }
    this.store({ state: 'running', fingerprint, leaseUntil: now + leaseMs })
    return { outcome: 'started' }
  }

  /** Keeps the answer of the claim with this fingerprint for `keepMs`. */
  complete(fingerprint: string, answer: StoredAnswer, keepMs: number): void {
    const entry = this.ctx.storage.kv.get<Entry>(ENTRY)
    if (entry?.state !== 'running' || entry.fingerprint !== fingerprint) return
    this.store({ state: 'done', fingerprint, answer, keepUntil: Date.now() + keepMs })
  }

  /** Gives the key back: the request ended before anything was done, so a retry may run it. */
  release(fingerprint: string): void {
    const entry = this.ctx.storage.kv.get<Entry>(ENTRY)
    if (entry?.state === 'running' && entry.fingerprint === fingerprint) this.ctx.storage.kv.delete(ENTRY)
  }

  override async alarm() {
    const entry = this.ctx.storage.kv.get<Entry>(ENTRY)
    if (entry && expiry(entry) > Date.now()) await this.ctx.storage.setAlarm(expiry(entry))
    else await this.ctx.storage.deleteAll()
  }

  private store(entry: Entry) {
    this.ctx.storage.kv.put(ENTRY, entry)
    void this.ctx.storage.setAlarm(expiry(entry))
  }
}
