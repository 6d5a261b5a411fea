import type { SettingName } from '../env.js'

/** Who shares a bucket: everyone presenting the same credential (or verified user), or everyone from one address. */
export type RateLimitKey = 'caller' | 'ip'

export interface RateLimitPolicy {
  /** Its name in /health and in its buckets' keys. */
  name: string
  /** The setting that overrides `fallback`. */
  setting: SettingName
  /** The limit when the setting is not set. */
  fallback: string
  key: RateLimitKey
}
