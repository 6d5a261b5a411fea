import { retentionDays } from '../../platform/audit/retention.js'
import type { SettingsReader } from '../../platform/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    /** Bearer secret for GET /audit. */
    AUDIT_TOKEN?: string
  }
}

export interface AuditRelaySettings {
  auditToken: string
  db: D1Database
}

export function readAuditRelaySettings(reader: SettingsReader): AuditRelaySettings {
  // Read here so /health reports a malformed value; the scheduled run reads it too.
  retentionDays(reader)
  return { auditToken: reader.callerSecrets('AUDIT_TOKEN')[0] ?? '', db: reader.binding('AUDIT_DB', 'D1') }
}
