import { createApp } from '../app.js'
import { pruneAuditTrail } from '../platform/audit/retention.js'
import type { Env } from '../platform/env.js'
import { sandbox } from './sandbox.js'

// The local sandbox's entry (`npm start`, the tests): the deployed entry, src/index.ts, holds no fake.
export * from '../index.js'

const app = createApp({ sandbox })

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(pruneAuditTrail(env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>
