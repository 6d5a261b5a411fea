import { OpenAPIHono } from '@hono/zod-openapi'
import { listAuditEvents } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { queryAuditRecords } from '../../platform/audit/audit-store.js'
import { requireBearer } from '../../platform/auth/bearer.js'
import { validationHook } from '../../platform/validation-hook.js'
import type { AuditRelaySettings } from './settings.js'

const time = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso))

/** The audit relay's route: the operator reads the trail of writes with AUDIT_TOKEN. */
export function auditRoutes() {
  const app = new OpenAPIHono<RelayEnv<AuditRelaySettings>>({ defaultHook: validationHook })
  app.use(
    '/audit',
    requireBearer<AuditRelaySettings>('AUDIT_TOKEN', (settings) => [settings.auditToken]),
  )

  app.openapi(listAuditEvents, async (c) => {
    const { since, until, cursor, ...filter } = c.req.valid('query')
    const page = await queryAuditRecords(c.var.settings.db, { ...filter, since: time(since), until: time(until), before: cursor === undefined ? undefined : Number(cursor) })
    return c.json(page, 200)
  })

  return app
}
