import type { SettingName } from '../env.js'

/** Who shares a bucket: everyone presenting the same credential (or verified user), or everyone from one address. */
export type RateLimitKey = 'caller' | 'ip'

export interface RateLimitPolicy {
  /** The setting that overrides `fallback`. */
  setting: SettingName
  /** The limit when the setting is not set (the seeds' own defaults). */
  fallback: string
  key: RateLimitKey
}

/**
 * Every rate limit relaykit applies, by name. A relay uses one by naming it in its settings
 * (`reader.rateLimit(name)`) and on its routes (`rateLimit(name)`); adding a relay's limit means
 * adding a line here, not code.
 */
export const rateLimitPolicies = {
  // Seed 001 (beepi): a bucket of 10, one more each second. (Seed 002 allowed 100 an hour per IP.)
  github: { setting: 'RATE_LIMIT_GITHUB', fallback: '1/second burst 10', key: 'caller' },
  // Seed 000's OpenAI relay: 10 a minute per client IP; starting a foreman run is as costly.
  operator: { setting: 'RATE_LIMIT_OPERATOR', fallback: '10/minute', key: 'ip' },
  // Seed 000's OpenAI relay: 10 chats a minute per client IP.
  openai: { setting: 'RATE_LIMIT_OPENAI', fallback: '10/minute', key: 'ip' },
  // Seed 004 had none; each verified user gets 20 chats a minute, a few in a burst.
  gateway: { setting: 'RATE_LIMIT_GATEWAY', fallback: '20/minute burst 5', key: 'caller' },
  // Seed 001 (beepi): a bucket of 10 per address, one more each second, for starts and refreshes.
  chatkit_ip: { setting: 'RATE_LIMIT_CHATKIT_IP', fallback: '1/second burst 10', key: 'ip' },
  // Seed 002 (SynD-DGF): 20 a minute per client, here per signed-in user or signed visitor.
  chatkit_user: { setting: 'RATE_LIMIT_CHATKIT_USER', fallback: '20/minute', key: 'caller' },
} as const satisfies Record<string, RateLimitPolicy>

export type RateLimitPolicyName = keyof typeof rateLimitPolicies
