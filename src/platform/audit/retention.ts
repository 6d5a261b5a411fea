import type { Env } from '../env.js'
import { SettingsReader } from '../settings.js'
import { deleteAuditRecordsBefore } from './audit-store.js'
import { log } from '../log.js'

const DAY_MS = 24 * 60 * 60 * 1000
export const DEFAULT_RETENTION_DAYS = 90

/** AUDIT_RETENTION_DAYS: how long an audit record is kept, 1 day to 10 years. */
export const retentionDays = (reader: SettingsReader) => reader.integer('AUDIT_RETENTION_DAYS', DEFAULT_RETENTION_DAYS, 1, 3_650)

/**
 * The scheduled run (wrangler.toml `[triggers]`): removes audit records older than the retention.
 * A malformed setting removes nothing (a typo must not erase the trail); /health names it.
 */
export async function pruneAuditTrail(env: Env, now: number): Promise<void> {
  const db = env.AUDIT_DB
  if (!db) return
  const reader = new SettingsReader(env)
  const days = retentionDays(reader)
  if (reader.invalid.length > 0) {
    log('error', 'audit_not_pruned', { problem: reader.invalid.join('; ') })
    return
  }
  const removed = await deleteAuditRecordsBefore(db, now - days * DAY_MS)
  log('info', 'audit_pruned', { removed, retention_days: days })
}
