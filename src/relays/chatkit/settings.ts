import { sessionRegistry, type SessionRegistry } from './sessions/session-registry.js'
import type { Env } from '../../platform/env.js'
import { oidcConfigured, readOidcSettings, type OidcSettings } from '../../upstreams/identity/settings.js'
import { readOpenAIUpstream, type OpenAIUpstream } from '../../upstreams/openai/settings.js'
import { perEnv } from '../../platform/per-env.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import { isRelayEnabled } from '../../platform/relays-enabled.js'
import { effectiveEnv, isSandbox } from '../../platform/sandbox.js'
import { disabledRelay, SettingsReader } from '../../platform/settings.js'
import { cookieSigningKey, parseSameSite, type VisitorCookieSettings } from './visitor-cookie.js'
import { parseNamedWorkflow, parseWorkflowId, type Workflows } from './workflows.js'

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

export const chatkitRelayState = perEnv((given: Env) => {
  if (!isRelayEnabled(given, 'chatkit')) return disabledRelay
  const env = effectiveEnv(given)
  const reader = new SettingsReader(env, { sandbox: isSandbox(given) })
  const upstream = readOpenAIUpstream(reader, given)
  const [defaultId = ''] = reader.list('CHATKIT_WORKFLOW_ID', parseWorkflowId, { required: true })
  const named = new Map(reader.list('CHATKIT_WORKFLOWS', parseNamedWorkflow))
  const sessionSeconds = reader.integer('CHATKIT_SESSION_SECONDS', MAX_SESSION_SECONDS, 60, MAX_SESSION_SECONDS)
  const oidc = oidcConfigured(env) ? readOidcSettings(reader, env) : undefined
  // Signing keys rather than a caller's secret, but each held to the same length, for the same reason.
  const cookieSecrets = reader.list('CHATKIT_COOKIE_SECRET', cookieSigningKey(isSandbox(given)), { required: true })
  const [sameSite = 'Lax'] = reader.list('CHATKIT_COOKIE_SAMESITE', parseSameSite)
  const sessions = reader.binding('CHATKIT_SESSIONS', 'Durable Object')
  const rateLimits = { chatkit_ip: reader.rateLimit('chatkit_ip'), chatkit_user: reader.rateLimit('chatkit_user') }
  return reader.finish(
    (): ChatKitRelaySettings => ({
      upstream,
      workflows: { defaultId, named },
      sessionSeconds,
      oidc,
      visitorCookie: { secrets: cookieSecrets, sameSite },
      registry: sessionRegistry(sessions!),
      rateLimits,
    }),
  )
})
