import type { AuditOutcome } from '../../contracts/audit-outcome.js'

/** What a write was aimed at; every field is one the contract had already validated. */
export interface AuditTarget {
  repository?: string
  pull_number?: number
  event_type?: string
  workflow?: string
  ref?: string
  /** The account a write was about, on relays that keep accounts (a Copilot bridge username). */
  account?: string
}

export interface AuditRecord extends AuditTarget {
  at: number
  request_id: string
  relay: string
  operation: string
  caller: string
  outcome: AuditOutcome
  status: number
  error?: string
  upstream_status?: number
  replayed: boolean
}

export interface AuditFilter {
  repository?: string
  operation?: string
  outcome?: AuditOutcome
  since?: number
  until?: number
  /** Only events older than this id (the previous page's cursor). */
  before?: number
  limit: number
}

type Optional = AuditTarget & Pick<AuditRecord, 'error' | 'upstream_status'>

/** A row as D1 returns it: absent values are null, booleans 0 or 1. */
type AuditRow = Omit<AuditRecord, keyof Optional | 'replayed'> & { [K in keyof Optional]-?: Exclude<Optional[K], undefined> | null } & { id: number; replayed: 0 | 1 }

const COLUMNS = [
  'at',
  'request_id',
  'relay',
  'operation',
  'repository',
  'pull_number',
  'event_type',
  'workflow',
  'ref',
  'account',
  'caller',
  'outcome',
  'status',
  'error',
  'upstream_status',
  'replayed',
] as const

export function insertAuditRecord(db: D1Database, record: AuditRecord): Promise<D1Result> {
  const values = COLUMNS.map((column) => {
    const value = record[column]
    return typeof value === 'boolean' ? Number(value) : (value ?? null)
  })
  return db
    .prepare(`INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`)
    .bind(...values)
    .run()
}

/** One page of events, newest first, and the cursor of the next page. */
export async function queryAuditRecords<Operation extends string>(db: D1Database, filter: AuditFilter & { operation?: Operation }) {
  const conditions: string[] = []
  const values: (string | number)[] = []
  const where = (condition: string, value: string | number | undefined) => {
    if (value === undefined) return
    conditions.push(condition)
    values.push(value)
  }
  where('repository = ? COLLATE NOCASE', filter.repository)
  where('operation = ?', filter.operation)
  where('outcome = ?', filter.outcome)
  where('at >= ?', filter.since)
  where('at < ?', filter.until)
  where('id < ?', filter.before)
  const sql = `SELECT id, ${COLUMNS.join(', ')} FROM audit_events ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
  // One extra row tells whether another page follows.
  const { results } = await db
    .prepare(sql)
    .bind(...values, filter.limit + 1)
    .all<AuditRow & { operation: Operation }>()
  const page = results.slice(0, filter.limit)
  return {
    events: page.map((row) => ({ ...row, at: new Date(row.at).toISOString(), replayed: row.replayed === 1 })),
    next_cursor: results.length > filter.limit ? String(results[filter.limit - 1]?.id) : null,
  }
}

/** Removes events older than `cutoff` (ms); answers how many went. */
export async function deleteAuditRecordsBefore(db: D1Database, cutoff: number): Promise<number> {
  const result = await db.prepare('DELETE FROM audit_events WHERE at < ?').bind(cutoff).run()
  return result.meta.changes
}
