import { type ChatPolicy, readChatPolicy } from '../../dialects/openai/chat-policy.js'
import type { RateLimitPolicy } from '../../platform/rate-limit/policies.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import type { SettingsReader } from '../../platform/settings.js'
import { type OpenAIUpstream, readOpenAIUpstream } from '../../upstreams/openai/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    /** Secret callers send as `X-Relay-Secret` or `Authorization: Bearer`. */
    OPENAI_RELAY_SECRET?: string
    /** Token bucket of the openai relay, per client IP. */
    RATE_LIMIT_OPENAI?: string
  }
}

/** 10 chats a minute per client address: each one spends the deployment's money. */
export const openaiRateLimit: RateLimitPolicy = { name: 'openai', setting: 'RATE_LIMIT_OPENAI', fallback: '10/minute', key: 'ip' }

export interface OpenAIRelaySettings extends RateLimitSettings {
  upstream: OpenAIUpstream
  relaySecret: string
  policy: ChatPolicy
}

export function readOpenAIRelaySettings(reader: SettingsReader): OpenAIRelaySettings {
  return {
    upstream: readOpenAIUpstream(reader),
    relaySecret: reader.callerSecrets('OPENAI_RELAY_SECRET')[0] ?? '',
    policy: readChatPolicy(reader),
    rateLimits: { openai: reader.rateLimit(openaiRateLimit) },
  }
}
