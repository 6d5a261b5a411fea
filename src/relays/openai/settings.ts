import type { Env } from '../../platform/env.js'
import { readChatPolicy, type ChatPolicy } from '../../dialects/openai/chat-policy.js'
import { readOpenAIUpstream, type OpenAIUpstream } from '../../upstreams/openai/settings.js'
import { perEnv } from '../../platform/per-env.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import { isRelayEnabled } from '../../platform/relays-enabled.js'
import { effectiveEnv, isSandbox } from '../../platform/sandbox.js'
import { disabledRelay, SettingsReader } from '../../platform/settings.js'

export interface OpenAIRelaySettings extends RateLimitSettings {
  upstream: OpenAIUpstream
  relaySecret: string
  policy: ChatPolicy
}

export const openaiRelayState = perEnv((given: Env) => {
  if (!isRelayEnabled(given, 'openai')) return disabledRelay
  const env = effectiveEnv(given)
  const reader = new SettingsReader(env, { sandbox: isSandbox(given) })
  const upstream = readOpenAIUpstream(reader, given)
  const [relaySecret = ''] = reader.callerSecrets('OPENAI_RELAY_SECRET')
  const policy = readChatPolicy(reader)
  const rateLimits = { openai: reader.rateLimit('openai') }
  return reader.finish((): OpenAIRelaySettings => ({ upstream, relaySecret, policy, rateLimits }))
})
