import type { Context, MiddlewareHandler } from 'hono'
import type { AuditOutcome } from '../../contracts/audit-outcome.js'
import type { RelayEnv } from '../app-env.js'
import { jsonObjectBody } from '../json-body.js'
import { RelayError } from '../relay-error.js'
import { insertAuditRecord, type AuditRecord, type AuditTarget } from './audit-store.js'
import { log, errorName } from '../log.js'

/** Reads the target from the request body or path; only values the contract accepts may be returned. */
export type TargetOf<S> = (body: Record<string, unknown>, settings: S, params: Record<string, string>) => AuditTarget

function outcomeOf<S>(c: Context<RelayEnv<S>>, isUpstreamFailure: (code: string) => boolean): AuditOutcome {
  if (c.res.status < 400) return c.var.dryRun ? 'dry_run' : 'done'
  return isUpstreamFailure(c.var.errorCode ?? '') || c.res.status === 500 ? 'failed' : 'refused'
}

/**
 * Records every answer of an authenticated write (done, dry run, refused or failed) in the D1
 * audit trail, after the answer has gone: the insert runs in `waitUntil`, and a failed insert is
 * logged, never turned into a failed request.
 */
export function auditWrites<S>(operation: string, targetOf: TargetOf<S>, isUpstreamFailure: (code: string) => boolean): MiddlewareHandler<RelayEnv<S>> {
  return async (c, next) => {
    await next()
    const upstreamStatus = c.error instanceof RelayError ? c.error.upstreamStatus : c.var.upstreamStatus
    const record: AuditRecord = {
      at: Date.now(),
      request_id: c.var.requestId,
      relay: c.var.relay ?? 'unknown',
      operation,
      ...targetOf((await jsonObjectBody(c)) ?? {}, c.var.settings, c.req.param() as Record<string, string>),
      caller: c.var.caller ?? 'unknown',
      outcome: outcomeOf(c, isUpstreamFailure),
      status: c.res.status,
      ...(c.var.errorCode ? { error: c.var.errorCode } : {}),
      ...(upstreamStatus !== undefined && !c.var.replayed ? { upstream_status: upstreamStatus } : {}),
      replayed: c.var.replayed ?? false,
    }
    const db = c.env.AUDIT_DB
    const write = (db ? insertAuditRecord(db, record) : Promise.reject(new Error('AUDIT_DB binding missing'))).catch((error: unknown) => {
      log('error', 'audit_write_failed', { request_id: record.request_id, operation, error: errorName(error) })
    })
    c.executionCtx.waitUntil(write)
  }
}
