import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env.js'
import type { RateLimitRule } from './rule.js'
import { takeToken, type Bucket, type RateLimitDecision } from './token-bucket.js'

const BUCKET = 'bucket'

/**
 * One token bucket, the single authority for its key everywhere: a Durable Object runs one
 * request at a time, and `take` reads and writes storage synchronously, so concurrent requests
 * can never both spend the last token, as they could with an eventually consistent store.
 */
export class RateLimiter extends DurableObject<Env> {
  take(rule: Pick<RateLimitRule, 'capacity' | 'refillPerSecond'>): RateLimitDecision {
    const now = Date.now()
    const { bucket, decision } = takeToken(this.ctx.storage.kv.get<Bucket>(BUCKET), rule, now)
    this.ctx.storage.kv.put(BUCKET, bucket)
    // A full bucket is the same as none: forget it then, so idle keys cost no storage.
    void this.ctx.storage.setAlarm(now + decision.resetSeconds * 1000)
    return decision
  }

  override async alarm() {
    await this.ctx.storage.deleteAll()
  }
}
