import { retentionDays } from '../../platform/audit/retention.js'
import type { Env } from '../../platform/env.js'
import { perEnv } from '../../platform/per-env.js'
import { isRelayEnabled } from '../../platform/relays-enabled.js'
import { effectiveEnv, isSandbox } from '../../platform/sandbox.js'
import { disabledRelay, SettingsReader } from '../../platform/settings.js'

export interface AuditRelaySettings {
  auditToken: string
  db: D1Database
}

export const auditRelayState = perEnv((given: Env) => {
  if (!isRelayEnabled(given, 'audit')) return disabledRelay
  const env = effectiveEnv(given)
  const reader = new SettingsReader(env, { sandbox: isSandbox(given) })
  const [auditToken = ''] = reader.callerSecrets('AUDIT_TOKEN')
  const db = reader.binding('AUDIT_DB', 'D1')
  // Read here so /health reports a malformed value; the scheduled run reads it too.
  retentionDays(reader)
  return reader.finish((): AuditRelaySettings => ({ auditToken, db: db! }))
})
