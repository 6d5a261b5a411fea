import { type ChatPolicy, readChatPolicy } from '../../dialects/openai/chat-policy.js'
import type { Env } from '../../platform/env.js'
import type { RateLimitPolicy } from '../../platform/rate-limit/policies.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import type { SettingsReader } from '../../platform/settings.js'
import { kindeOrigin, type OidcSettings, readOidcSettings } from '../../upstreams/identity/settings.js'
import { type OpenAIUpstream, readOpenAIUpstream } from '../../upstreams/openai/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    /** Kinde's Account API entitlements endpoint, called with the caller's own token. */
    ENTITLEMENTS_API_URL?: string
    /** The feature key a caller must be entitled to. */
    GATEWAY_ENTITLEMENT?: string
    /** How long a caller's entitlement answer is reused. */
    GATEWAY_ENTITLEMENT_CACHE_SECONDS?: string
    /** Token bucket of the gateway relay, per verified user. */
    RATE_LIMIT_GATEWAY?: string
  }
}

/** 20 chats a minute per verified user, a few in a burst. */
export const gatewayRateLimit: RateLimitPolicy = { name: 'gateway', setting: 'RATE_LIMIT_GATEWAY', fallback: '20/minute burst 5', key: 'caller' }

export interface GatewayRelaySettings extends RateLimitSettings {
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

export function readGatewayRelaySettings(reader: SettingsReader, env: Env): GatewayRelaySettings {
  const kindeBase = kindeOrigin(env)
  const entitlementsFallback = kindeBase ? `${kindeBase}/account_api/v1/entitlements` : undefined
  let entitlementsUrl = ''
  if (env.ENTITLEMENTS_API_URL?.trim() || entitlementsFallback) entitlementsUrl = reader.url('ENTITLEMENTS_API_URL', entitlementsFallback ?? '')
  else reader.missing.push('ENTITLEMENTS_API_URL (or KINDE_DOMAIN)')
  return {
    upstream: readOpenAIUpstream(reader),
    policy: readChatPolicy(reader),
    oidc: readOidcSettings(reader, env),
    entitlementsUrl,
    entitlement: reader.one('GATEWAY_ENTITLEMENT', parseFeatureKey),
    entitlementCacheSeconds: reader.integer('GATEWAY_ENTITLEMENT_CACHE_SECONDS', DEFAULT_CACHE_SECONDS, 0, 3_600),
    rateLimits: { gateway: reader.rateLimit(gatewayRateLimit) },
  }
}
