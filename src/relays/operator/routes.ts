import type { RelayDependencies } from '../../platform/relay-module.js'
import { gitHubMayHaveActed, isGitHubFailure } from '../../upstreams/github/failures.js'
import { GITHUB_UPSTREAM } from '../../upstreams/github/settings.js'
import { OpenAPIHono } from '@hono/zod-openapi'
import { HIVE_EVENT_TYPE, triggerHive } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { auditWrites } from '../../platform/audit/audit-writes.js'
import { requireBearer } from '../../platform/auth/bearer.js'
import { githubClients } from '../../upstreams/github/clients.js'
import { idempotentWrites } from '../../platform/idempotency/idempotent-writes.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { validationHook } from '../../platform/validation-hook.js'
import { type OperatorRelaySettings, operatorRateLimit } from './settings.js'

/** The operator relay's route: devices and scripts start the Hivemind foreman with RELAY_SECRET. */
export function operatorRoutes({ fetch }: RelayDependencies) {
  const app = new OpenAPIHono<RelayEnv<OperatorRelaySettings>>({ defaultHook: validationHook })
  const github = githubClients(fetch(GITHUB_UPSTREAM))
  app.use(
    triggerHive.path,
    requireBearer<OperatorRelaySettings>('RELAY_SECRET', (settings) => [settings.relaySecret]),
    auditWrites<OperatorRelaySettings>(triggerHive.operationId, (_, { repo }) => ({ repository: `${repo.owner}/${repo.repo}`, event_type: HIVE_EVENT_TYPE }), isGitHubFailure),
    rateLimit(operatorRateLimit, { whenUnavailable: 'refuse' }),
    idempotentWrites({ mayHaveActed: gitHubMayHaveActed }),
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
