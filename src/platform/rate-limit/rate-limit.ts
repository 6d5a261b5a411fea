import type { Context, MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../app-env.js'
import { retryLater } from '../relay-error.js'
import { addressBuckets } from './client-address.js'
import type { RateLimitPolicy } from './policies.js'
import type { RateLimitRule } from './rule.js'
import type { RateLimitDecision } from './token-bucket.js'
import { log, errorName } from '../log.js'

/** What a relay's settings carry for the limits it names. */
export type RateLimitSettings = { rateLimits: Record<string, RateLimitRule | null> }

/** A rate limiter that does not answer within this is treated as unreachable. */
const LIMITER_TIMEOUT_MS = 2_000
const UNAVAILABLE_RETRY_SECONDS = 5

/** One bucket a request draws on: its Durable Object's name, its rule, and who shares it (for the 429's message). */
interface BucketOf {
  key: string
  rule: RateLimitRule
  sharedBy: string
}

function bucketsOf<S extends RateLimitSettings>(c: Context<RelayEnv<S>>, { name, key }: RateLimitPolicy, rule: RateLimitRule): BucketOf[] {
  if (key === 'caller') {
    // Limits keyed per caller run after auth, which sets the fingerprint.
    if (!c.var.caller) throw new Error(`rate limit ${name} needs an authenticated caller`)
    return [{ key: `${name}:caller:${c.var.caller}`, rule, sharedBy: 'caller' }]
  }
  return addressBuckets(c.req.header('CF-Connecting-IP')).map(({ key: address, shares }) =>
    shares === 1
      ? { key: `${name}:ip:${address}`, rule, sharedBy: 'address' }
      : {
          key: `${name}:ip:${address}`,
          rule: { capacity: rule.capacity * shares, refillPerSecond: rule.refillPerSecond * shares, text: `${shares} times ${rule.text}` },
          sharedBy: 'IPv6 /48 (all its addresses together)',
        },
  )
}

async function take<S extends RateLimitSettings>(c: Context<RelayEnv<S>>, { key, rule }: BucketOf): Promise<RateLimitDecision> {
  const namespace = c.env.RATE_LIMITER
  if (!namespace) throw new Error('RATE_LIMITER binding missing')
  const stub = namespace.get(namespace.idFromName(key))
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('rate limiter timed out')), LIMITER_TIMEOUT_MS)
  })
  try {
    return await Promise.race([stub.take({ capacity: rule.capacity, refillPerSecond: rule.refillPerSecond }), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Draws on each bucket in turn, the narrowest first, and stops at the first refusal, so a client
 * over its own limit spends nothing of the wider bucket it shares with others. The answer is the
 * refusing bucket's, or else the one with the fewest requests left.
 */
async function decide<S extends RateLimitSettings>(c: Context<RelayEnv<S>>, buckets: readonly BucketOf[]): Promise<{ bucket: BucketOf; decision: RateLimitDecision }> {
  let limiting: { bucket: BucketOf; decision: RateLimitDecision } | undefined
  for (const bucket of buckets) {
    const decision = await take(c, bucket)
    if (!limiting || !decision.allowed || decision.remaining < limiting.decision.remaining) limiting = { bucket, decision }
    if (!decision.allowed) break
  }
  if (!limiting) throw new Error('a rate limit without a bucket')
  return limiting
}

/**
 * Applies the named policy's token bucket to a route. Every answer after it carries RateLimit-*;
 * over the limit is 429 with Retry-After. When the limiter cannot be reached, `whenUnavailable`
 * decides: reads are served without a limit (GitHub's own limit still stands behind them), writes
 * are refused with 503, since an unlimited write path is what the limit exists to prevent.
 */
export function rateLimit<S extends RateLimitSettings>(policy: RateLimitPolicy, { whenUnavailable }: { whenUnavailable: 'allow' | 'refuse' }): MiddlewareHandler<RelayEnv<S>> {
  return async (c, next) => {
    const rule = c.var.settings.rateLimits[policy.name]
    if (!rule) return next()
    let limiting: { bucket: BucketOf; decision: RateLimitDecision }
    try {
      limiting = await decide(c, bucketsOf(c, policy, rule))
    } catch (error) {
      log('error', 'rate_limiter_unavailable', { request_id: c.var.requestId, policy: policy.name, error: errorName(error) })
      if (whenUnavailable === 'allow') return next()
      throw retryLater(
        503,
        'rate_limiter_unavailable',
        'relaykit cannot reach its rate limiter, so it will not make this write. Nothing was done; try again shortly.',
        UNAVAILABLE_RETRY_SECONDS,
      )
    }
    const { bucket, decision } = limiting
    c.header('RateLimit-Limit', String(decision.limit))
    c.header('RateLimit-Remaining', String(decision.remaining))
    c.header('RateLimit-Reset', String(decision.resetSeconds))
    if (!decision.allowed) {
      throw retryLater(
        429,
        'rate_limited',
        `Too many requests: this ${bucket.sharedBy} may make ${bucket.rule.text} on this relay. Try again in ${decision.retryAfterSeconds} seconds.`,
        decision.retryAfterSeconds,
      )
    }
    await next()
  }
}
