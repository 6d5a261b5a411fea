import type { ChatKitSessionRecord } from '../relays/chatkit/sessions/session-record.js'
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
  /** One record per ChatKit client secret relaykit issued, named by the secret's hash. */
  CHATKIT_SESSIONS?: DurableObjectNamespace<ChatKitSessionRecord>
  /** The audit trail of writes (migrations/). */
  AUDIT_DB?: D1Database

  /** `true` runs the local sandbox: embedded fake upstreams and public sandbox secrets. */
  SANDBOX?: string
  /** Comma-separated relays to turn on (default: all). */
  RELAYS?: string
  /** The relay that also answers `POST /`, as seeds 002 and 004 did (`chatkit`). */
  ROOT_RELAY?: string
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

  // OpenAI upstream, shared by the openai, gateway and chatkit relays.
  OPENAI_API_KEY?: string
  /** Base URL of the OpenAI API, up to and including `/v1`. */
  OPENAI_API_URL?: string
  /** How long relaykit waits for OpenAI's answer to begin (a stream may then run longer). */
  OPENAI_TIMEOUT_MS?: string

  // Chat policy, shared by the openai and gateway relays.
  /** Comma-separated models callers may name; the first is used when a request names none. */
  OPENAI_MODELS?: string
  /** The most completion tokens one request may ask for; larger asks are capped. */
  OPENAI_MAX_TOKENS?: string
  /** The temperature sent when a request gives none. */
  OPENAI_TEMPERATURE?: string

  // openai relay.
  /** Secret callers send as `X-Relay-Secret` or `Authorization: Bearer`. */
  OPENAI_RELAY_SECRET?: string
  /** Token bucket of the openai relay, per client IP. */
  RATE_LIMIT_OPENAI?: string

  // OpenID Connect access tokens, verified for the gateway and chatkit relays.
  /** A Kinde business domain (e.g. `acme.kinde.com`); fills in the OIDC_* and ENTITLEMENTS_API_URL defaults. */
  KINDE_DOMAIN?: string
  OIDC_ISSUER?: string
  OIDC_AUDIENCE?: string
  OIDC_JWKS_URL?: string
  /** Comma-separated JWS algorithms accepted (default RS256). */
  OIDC_ALGORITHMS?: string

  // gateway relay.
  /** Kinde's Account API entitlements endpoint, called with the caller's own token. */
  ENTITLEMENTS_API_URL?: string
  /** The feature key a caller must be entitled to. */
  GATEWAY_ENTITLEMENT?: string
  /** How long a caller's entitlement answer is reused. */
  GATEWAY_ENTITLEMENT_CACHE_SECONDS?: string
  /** Token bucket of the gateway relay, per verified user. */
  RATE_LIMIT_GATEWAY?: string

  // chatkit relay.
  /** The ChatKit workflow a session runs when the caller names none. */
  CHATKIT_WORKFLOW_ID?: string
  /** Comma-separated `name=workflow_id` choices a caller may name in `workflow`. */
  CHATKIT_WORKFLOWS?: string
  /** HMAC key that signs the anonymous visitor cookie. */
  CHATKIT_COOKIE_SECRET?: string
  /** SameSite of the visitor cookie: `Lax` (default), `Strict`, or `None` for a page on another site. */
  CHATKIT_COOKIE_SAMESITE?: string
  /** Seconds a ChatKit session lives (`expires_after`); OpenAI allows at most 600. */
  CHATKIT_SESSION_SECONDS?: string
  /** Token bucket of the chatkit relay, per client IP. */
  RATE_LIMIT_CHATKIT_IP?: string
  /** Token bucket of the chatkit relay, per ChatKit user (signed-in subject or visitor). */
  RATE_LIMIT_CHATKIT_USER?: string
}

/** The names of the string settings (secrets and vars), as opposed to the state bindings. */
export type SettingName = { [K in keyof Env]-?: NonNullable<Env[K]> extends string ? K : never }[keyof Env]
