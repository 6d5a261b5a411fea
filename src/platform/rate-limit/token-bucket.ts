import type { RateLimitRule } from './rule.js'

/** What a bucket stores: how many tokens it held at `updatedAt` (ms). */
export interface Bucket {
  tokens: number
  updatedAt: number
}

/** The answer for one request, and what the RateLimit-* headers say. */
export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  /** Seconds until the next token, when refused (Retry-After). */
  retryAfterSeconds: number
  /** Seconds until the bucket is full again (RateLimit-Reset). */
  resetSeconds: number
}

/**
 * Takes one token from `bucket` at time `now` (ms). A missing bucket is a full one; tokens come
 * back continuously, so no fraction of a second is lost between requests.
 */
export function takeToken(bucket: Bucket | undefined, rule: Pick<RateLimitRule, 'capacity' | 'refillPerSecond'>, now: number): { bucket: Bucket; decision: RateLimitDecision } {
  const { capacity, refillPerSecond } = rule
  const elapsedSeconds = bucket ? Math.max(0, now - bucket.updatedAt) / 1000 : 0
  const available = bucket ? Math.min(capacity, bucket.tokens + elapsedSeconds * refillPerSecond) : capacity
  const allowed = available >= 1
  const tokens = allowed ? available - 1 : available
  return {
    bucket: { tokens, updatedAt: now },
    decision: {
      allowed,
      limit: capacity,
      remaining: Math.floor(tokens),
      retryAfterSeconds: allowed ? 0 : Math.ceil((1 - tokens) / refillPerSecond),
      resetSeconds: Math.ceil((capacity - tokens) / refillPerSecond),
    },
  }
}
