import type { Env } from '../../platform/env.js'
import { kindeOrigin, readOidcSettings, type OidcSettings } from '../../upstreams/identity/settings.js'
import { readChatPolicy, type ChatPolicy } from '../../dialects/openai/chat-policy.js'
import { readOpenAIUpstream, type OpenAIUpstream } from '../../upstreams/openai/settings.js'
import { perEnv } from '../../platform/per-env.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import { isRelayEnabled } from '../../platform/relays-enabled.js'
import { effectiveEnv, isSandbox } from '../../platform/sandbox.js'
import { disabledRelay, SettingsReader } from '../../platform/settings.js'

export interface GatewaySettings extends RateLimitSettings {
  upstream: OpenAIUpstream
  policy: ChatPolicy
  oidc: OidcSettings
  /** Kinde's Account API `…/account_api/v1/entitlements`. */
  entitlementsUrl: string
  /** The feature key a user must hold. */
  entitlement: string
  entitlementCacheSeconds: number
}

const DEFAULT_CACHE_SECONDS = 60

const parseFeatureKey = (entry: string) => {
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(entry)) throw new Error('must be a feature key like ai_preprocessing')
  return entry
}

export const gatewayRelayState = perEnv((given: Env) => {
  if (!isRelayEnabled(given, 'gateway')) return disabledRelay
  const env = effectiveEnv(given)
  const reader = new SettingsReader(env, { sandbox: isSandbox(given) })
  const upstream = readOpenAIUpstream(reader, given)
  const policy = readChatPolicy(reader)
  const oidc = readOidcSettings(reader, env)
  const kindeBase = kindeOrigin(env)
  const entitlementsFallback = kindeBase ? `${kindeBase}/account_api/v1/entitlements` : undefined
  let entitlementsUrl = ''
  if (env.ENTITLEMENTS_API_URL?.trim() || entitlementsFallback) entitlementsUrl = reader.url('ENTITLEMENTS_API_URL', entitlementsFallback ?? '')
  else reader.missing.push('ENTITLEMENTS_API_URL (or KINDE_DOMAIN)')
  const [entitlement = ''] = reader.list('GATEWAY_ENTITLEMENT', parseFeatureKey, { required: true })
  const entitlementCacheSeconds = reader.integer('GATEWAY_ENTITLEMENT_CACHE_SECONDS', DEFAULT_CACHE_SECONDS, 0, 3_600)
  const rateLimits = { gateway: reader.rateLimit('gateway') }
  return reader.finish((): GatewaySettings => ({ upstream, policy, oidc, entitlementsUrl, entitlement, entitlementCacheSeconds, rateLimits }))
})
