import type { Context, MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../app-env.js'
import { retryLater } from '../relay-error.js'
import { clientAddressKey } from './client-address.js'
import type { RateLimitPolicy } from './policies.js'
import type { RateLimitRule } from './rule.js'
import type { RateLimitDecision } from './token-bucket.js'
import { log, errorName } from '../log.js'

/** What a relay's settings carry for the limits it names. */
export type RateLimitSettings = { rateLimits: Record<string, RateLimitRule | null> }

/** A rate limiter that does not answer within this is treated as unreachable. */
const LIMITER_TIMEOUT_MS = 2_000
const UNAVAILABLE_RETRY_SECONDS = 5

function bucketKey<S extends RateLimitSettings>(c: Context<RelayEnv<S>>, { name, key }: RateLimitPolicy): string {
  if (key === 'caller') {
    // Limits keyed per caller run after auth, which sets the fingerprint.
    if (!c.var.caller) throw new Error(`rate limit ${name} needs an authenticated caller`)
    return `${name}:caller:${c.var.caller}`
  }
  return `${name}:ip:${clientAddressKey(c.req.header('CF-Connecting-IP'))}`
}

async function decide<S extends RateLimitSettings>(c: Context<RelayEnv<S>>, policy: RateLimitPolicy, rule: RateLimitRule): Promise<RateLimitDecision> {
  const namespace = c.env.RATE_LIMITER
  if (!namespace) throw new Error('RATE_LIMITER binding missing')
  const stub = namespace.get(namespace.idFromName(bucketKey(c, policy)))
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
 * Applies the named policy's token bucket to a route. Every answer after it carries RateLimit-*;
 * over the limit is 429 with Retry-After. When the limiter cannot be reached, `whenUnavailable`
 * decides: reads are served without a limit (GitHub's own limit still stands behind them), writes
 * are refused with 503, since an unlimited write path is what the limit exists to prevent.
 */
export function rateLimit<S extends RateLimitSettings>(policy: RateLimitPolicy, { whenUnavailable }: { whenUnavailable: 'allow' | 'refuse' }): MiddlewareHandler<RelayEnv<S>> {
  return async (c, next) => {
    const rule = c.var.settings.rateLimits[policy.name]
    if (!rule) return next()
    let decision: RateLimitDecision
    try {
      decision = await decide(c, policy, rule)
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
    c.header('RateLimit-Limit', String(decision.limit))
    c.header('RateLimit-Remaining', String(decision.remaining))
    c.header('RateLimit-Reset', String(decision.resetSeconds))
    if (!decision.allowed) {
      throw retryLater(
        429,
        'rate_limited',
        `Too many requests: this ${policy.key === 'ip' ? 'address' : 'caller'} may make ${rule.text} on this relay. Try again in ${decision.retryAfterSeconds} seconds.`,
        decision.retryAfterSeconds,
      )
    }
    await next()
  }
}
