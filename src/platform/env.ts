import type { IdempotencyRecord } from './idempotency/idempotency-record.js'
import type { RateLimiter } from './rate-limit/rate-limiter.js'

/**
 * Every binding relaykit reads. The platform declares its own here; each relay and upstream adds
 * the settings it reads where it reads them (`declare module` merging into this interface).
 * Secrets are set with `wrangler secret put`, settings in wrangler.toml `[vars]`: strings, parsed
 * once per isolate. The state bindings (Durable Objects, D1) are declared in wrangler.toml.
 */
export interface Env {
  /** One token bucket per limited key. */
  RATE_LIMITER?: DurableObjectNamespace<RateLimiter>
  /** One record per idempotency key. */
  IDEMPOTENCY?: DurableObjectNamespace<IdempotencyRecord>
  /** The audit trail of writes (migrations/). */
  AUDIT_DB?: D1Database
  /** Comma-separated relays to turn on (default: all). */
  RELAYS?: string
  /** The relay that also answers `POST /`, so clients of a service that lived at `/` keep working. */
  ROOT_RELAY?: string
  /** Comma-separated browser origins allowed to call relaykit (exact match). */
  ALLOWED_ORIGINS?: string
  MAX_BODY_BYTES?: string
  /** Days an audit record is kept (the daily scheduled run removes older ones). */
  AUDIT_RETENTION_DAYS?: string
}

/** The names of the string settings (secrets and vars), as opposed to the state bindings. */
export type SettingName = { [K in keyof Env]-?: NonNullable<Env[K]> extends string ? K : never }[keyof Env]
