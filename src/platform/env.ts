import type { IdempotencyRecord } from './idempotency/idempotency-record.js'
import type { RateLimiter } from './rate-limit/rate-limiter.js'

/**
 * Every binding relaykit reads. Secrets are set with `wrangler secret put`, settings in
 * wrangler.toml `[vars]`; those are strings, parsed once per isolate by each relay's settings.ts.
 * The state bindings (Durable Objects, D1) are declared in wrangler.toml.
 */
export interface Env {
  // State.
  /** One token bucket per limited key. */
  RATE_LIMITER?: DurableObjectNamespace<RateLimiter>
  /** One record per idempotency key. */
  IDEMPOTENCY?: DurableObjectNamespace<IdempotencyRecord>
  /** The audit trail of writes (migrations/). */
  AUDIT_DB?: D1Database

  /** `true` runs the local sandbox: embedded fake upstreams and public sandbox secrets. */
  SANDBOX?: string
  /** Comma-separated relays to turn on (default: all). */
  RELAYS?: string
  /** Comma-separated browser origins allowed to call relaykit (exact match). */
  ALLOWED_ORIGINS?: string
  MAX_BODY_BYTES?: string

  // GitHub upstream, shared by the github and operator relays.
  GITHUB_TOKEN?: string
  GITHUB_API_URL?: string
  GITHUB_TIMEOUT_MS?: string

  // github relay (Custom GPT actions).
  ACTIONS_TOKEN?: string
  /** Seed 000's name for ACTIONS_TOKEN, still accepted. */
  CHATGPT_BEARER_TOKEN?: string
  ALLOWED_REPOS?: string
  ALLOWED_EVENT_TYPES?: string
  ALLOWED_WORKFLOWS?: string

  /** Token bucket of the github relay, per caller token, e.g. `1/second burst 10` or `off`. */
  RATE_LIMIT_GITHUB?: string

  // operator relay.
  RELAY_SECRET?: string
  OPERATOR_REPO?: string
  /** Token bucket of the operator relay, per client IP. */
  RATE_LIMIT_OPERATOR?: string

  // audit relay.
  /** Bearer secret for GET /audit. */
  AUDIT_TOKEN?: string
  /** Days an audit record is kept (the daily scheduled run removes older ones). */
  AUDIT_RETENTION_DAYS?: string
}

/** The names of the string settings (secrets and vars), as opposed to the state bindings. */
export type SettingName = { [K in keyof Env]-?: NonNullable<Env[K]> extends string ? K : never }[keyof Env]
