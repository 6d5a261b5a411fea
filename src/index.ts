import { createApp } from './app.js'
import { pruneAuditTrail } from './platform/audit/retention.js'
import type { Env } from './platform/env.js'

// The Durable Object classes of the platform and of every relay (RelayModule.durableObjects),
// each bound in wrangler.toml; test/architecture checks the three agree.
export { IdempotencyRecord } from './platform/idempotency/idempotency-record.js'
export { RateLimiter } from './platform/rate-limit/rate-limiter.js'
export { ChatKitSessionRecord } from './relays/chatkit/sessions/session-record.js'
export { CopilotAccount } from './relays/copilot/accounts/copilot-account.js'
export { CopilotSignIn } from './relays/copilot/sign-in/copilot-sign-in.js'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(pruneAuditTrail(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>
