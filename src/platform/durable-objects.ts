/** The Durable Objects the platform keeps its own state in (rate-limit buckets, idempotency records). */
export const platformDurableObjects = [
  { binding: 'RATE_LIMITER', className: 'RateLimiter' },
  { binding: 'IDEMPOTENCY', className: 'IdempotencyRecord' },
] as const
