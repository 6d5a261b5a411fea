import type { Env } from '../../platform/env.js'
import type { RateLimitPolicy } from '../../platform/rate-limit/policies.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import type { SettingsReader } from '../../platform/settings.js'
import { type OidcSettings, oidcConfigured, readOidcSettings } from '../../upstreams/identity/settings.js'
import { type OpenAIUpstream, readOpenAIUpstream } from '../../upstreams/openai/settings.js'
import type { ChatKitSessionRecord } from './sessions/session-record.js'
import { type SessionRegistry, sessionRegistry } from './sessions/session-registry.js'
import { cookieSigningKey, parseSameSite, type VisitorCookieSettings } from './visitor-cookie.js'
import { parseNamedWorkflow, parseWorkflowId, type Workflows } from './workflows.js'

declare module '../../platform/env.js' {
  interface Env {
    /** One record per ChatKit client secret relaykit issued, named by the secret's hash. */
    CHATKIT_SESSIONS?: DurableObjectNamespace<ChatKitSessionRecord>
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
}

/** Starts and refreshes per address, before any token is verified: a bucket of 10, one more each second. */
export const chatkitIpRateLimit: RateLimitPolicy = { name: 'chatkit_ip', setting: 'RATE_LIMIT_CHATKIT_IP', fallback: '1/second burst 10', key: 'ip' }
/** Per signed-in user or signed visitor: 20 a minute. */
export const chatkitUserRateLimit: RateLimitPolicy = { name: 'chatkit_user', setting: 'RATE_LIMIT_CHATKIT_USER', fallback: '20/minute', key: 'caller' }

export interface ChatKitRelaySettings extends RateLimitSettings {
  upstream: OpenAIUpstream
  workflows: Workflows
  /** `expires_after.seconds` of every session. */
  sessionSeconds: number
  /** Set when the deployment has a sign-in provider: callers may then send its access tokens. */
  oidc?: OidcSettings
  visitorCookie: VisitorCookieSettings
  registry: SessionRegistry
}

/** OpenAI's default, and the most it allows. */
const MAX_SESSION_SECONDS = 600

export function readChatKitRelaySettings(reader: SettingsReader, env: Env): ChatKitRelaySettings {
  return {
    upstream: readOpenAIUpstream(reader),
    workflows: { defaultId: reader.one('CHATKIT_WORKFLOW_ID', parseWorkflowId), named: new Map(reader.list('CHATKIT_WORKFLOWS', parseNamedWorkflow)) },
    sessionSeconds: reader.integer('CHATKIT_SESSION_SECONDS', MAX_SESSION_SECONDS, 60, MAX_SESSION_SECONDS),
    oidc: oidcConfigured(env) ? readOidcSettings(reader, env) : undefined,
    visitorCookie: {
      // Signing keys rather than a caller's secret, but each held to the same length, for the same reason.
      secrets: reader.list('CHATKIT_COOKIE_SECRET', cookieSigningKey(reader.sandbox), { required: true }),
      sameSite: reader.list('CHATKIT_COOKIE_SAMESITE', parseSameSite)[0] ?? 'Lax',
    },
    registry: sessionRegistry(reader.binding('CHATKIT_SESSIONS', 'Durable Object')),
    rateLimits: { chatkit_ip: reader.rateLimit(chatkitIpRateLimit), chatkit_user: reader.rateLimit(chatkitUserRateLimit) },
  }
}
