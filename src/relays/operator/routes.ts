import { OpenAPIHono } from '@hono/zod-openapi'
import { HIVE_EVENT_TYPE, triggerHive } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { auditWrites } from '../../platform/audit/audit-writes.js'
import { requireBearer } from '../../platform/auth/bearer.js'
import type { GitHubFetch } from '../../upstreams/github/client.js'
import { githubClients } from '../../upstreams/github/clients.js'
import { idempotentWrites } from '../../platform/idempotency/idempotent-writes.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { relayGate } from '../../platform/relay-gate.js'
import { validationHook } from '../../platform/validation-hook.js'
import { operatorRelayState, type OperatorRelaySettings } from './settings.js'

/** The operator relay: devices and scripts start the Hivemind foreman with RELAY_SECRET. */
export function operatorRelay(networkFetch: GitHubFetch) {
  const app = new OpenAPIHono<RelayEnv<OperatorRelaySettings>>({ defaultHook: validationHook })
  const github = githubClients(networkFetch)
  app.use(
    triggerHive.path,
    relayGate('operator', operatorRelayState),
    requireBearer<OperatorRelaySettings>('RELAY_SECRET', (settings) => [settings.relaySecret]),
    auditWrites<OperatorRelaySettings>(triggerHive.operationId, (_, { repo }) => ({ repository: `${repo.owner}/${repo.repo}`, event_type: HIVE_EVENT_TYPE })),
    rateLimit('operator', { whenUnavailable: 'refuse' }),
    idempotentWrites(),
  )

  app.openapi(triggerHive, async (c) => {
    const { dry_run, plan_file } = c.req.valid('json')
    const { repo, upstream } = c.var.settings
    const repository = `${repo.owner}/${repo.repo}`
    const client_payload = { plan_file, triggered_by: 'relaykit' as const, request_id: c.var.requestId, timestamp: new Date().toISOString() }
    const answer = { success: true as const, dry_run, repository, event_type: HIVE_EVENT_TYPE, client_payload }
    if (dry_run) {
      c.set('dryRun', true)
      return c.json({ ...answer, message: `Dry run: would send ${HIVE_EVENT_TYPE} to ${repository}. Nothing was sent.` }, 200)
    }
    const { response } = await github(upstream).createDispatch(repo, HIVE_EVENT_TYPE, client_payload)
    c.set('upstreamStatus', response.status)
    return c.json({ ...answer, message: `GitHub accepted ${HIVE_EVENT_TYPE} for ${repository}; the foreman workflow will start shortly.` }, 202)
  })

  return app
}
