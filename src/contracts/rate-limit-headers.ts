import '@hono/zod-openapi'
import * as z from 'zod'

// The RateLimit-* headers of a rate-limited route (IETF httpapi-ratelimit-headers). Optional in
// the contract: a relay whose limit is set to `off` sends none, and neither does a read served
// while the rate limiter cannot be reached.

const header = (description: string) => z.string().regex(/^\d+$/).optional().openapi({ description, example: '9' })

export const RateLimitHeaders = z.object({
  'RateLimit-Limit': header('How many requests the bucket holds when full (its burst).'),
  'RateLimit-Remaining': header('How many requests may still be made right now.'),
  'RateLimit-Reset': header('Seconds until the bucket is full again.'),
})
