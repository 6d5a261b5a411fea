import type { Env, SettingName } from './env.js'
import type { RateLimitKey, RateLimitPolicy } from './rate-limit/policies.js'
import { parseRateLimitRule, type RateLimitRule } from './rate-limit/rule.js'

/** A rate limit as /health shows it. */
export interface RateLimitReport {
  policy: string
  setting: SettingName
  key: RateLimitKey
  /** The rule in force, as written, or `off`. */
  rule: string
  capacity: number | null
  refill_per_second: number | null
}

/** What a relay made of its settings: ready with its typed settings, or what it lacks. */
export type RelayState<T> =
  | { enabled: false; ready: false; missing: []; invalid: []; rateLimits: [] }
  | { enabled: true; ready: false; missing: string[]; invalid: string[]; rateLimits: RateLimitReport[] }
  | { enabled: true; ready: true; missing: []; invalid: []; rateLimits: RateLimitReport[]; settings: T }

/** Callers' secrets are all that stands between the internet and the upstream: no short ones. */
export const MIN_CALLER_SECRET_LENGTH = 32

/**
 * Reads one relay's settings from the Worker's bindings, noting every missing secret and
 * malformed setting by name, so /health and the relay's 503 can say exactly what to fix.
 */
export class SettingsReader {
  readonly missing: string[] = []
  readonly invalid: string[] = []
  readonly rateLimits: RateLimitReport[] = []

  /** `sandbox`: the public sandbox values are short on purpose, so lengths are not checked. */
  constructor(
    private readonly env: Env,
    readonly sandbox = false,
  ) {}

  private raw(name: SettingName): string | undefined {
    const value = this.env[name]?.trim()
    return value ? value : undefined
  }

  /** A required secret or setting. */
  required(name: SettingName): string {
    const value = this.raw(name)
    if (value === undefined) this.missing.push(name)
    return value ?? ''
  }

  /**
   * The secrets callers may present, any of `names` that are set (several allow a rotation or an
   * old name); missing if none is, invalid if one is too short to resist guessing.
   */
  callerSecrets(...names: SettingName[]): string[] {
    const present = names.flatMap((name) => {
      const value = this.raw(name)
      return value === undefined ? [] : [{ name, value }]
    })
    if (present.length === 0) this.missing.push(names.join(' or '))
    for (const { name, value } of present) {
      if (!this.sandbox && value.length < MIN_CALLER_SECRET_LENGTH) {
        this.invalid.push(`${name}: must be at least ${MIN_CALLER_SECRET_LENGTH} characters (for example \`openssl rand -hex 32\`)`)
      }
    }
    return present.map(({ value }) => value)
  }

  /** A comma-separated list; each entry is checked by `parse`, which throws to reject it. */
  list<T = string>(name: SettingName, parse: (entry: string) => T = (entry) => entry as T, { required = false } = {}): T[] {
    const value = this.raw(name)
    if (value === undefined) {
      if (required) this.missing.push(name)
      return []
    }
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
    const parsed: T[] = []
    for (const [index, entry] of entries.entries()) {
      try {
        parsed.push(parse(entry))
      } catch (error) {
        // The position, not the value: /health and the 503 are public, the allowlists are not.
        this.invalid.push(`${name}: entry ${index + 1} ${(error as Error).message}`)
      }
    }
    return parsed
  }

  /**
   * A required single value checked by `parse`. When it is missing or malformed the relay is not
   * ready and never runs, so the placeholder returned then is never used.
   */
  one<T>(name: SettingName, parse: (entry: string) => T): T {
    const [value] = this.list(name, parse, { required: true })
    return value as T
  }

  integer(name: SettingName, fallback: number, min: number, max: number): number {
    return this.number(name, fallback, min, max, { whole: true })
  }

  number(name: SettingName, fallback: number, min: number, max: number, { whole = false } = {}): number {
    const value = this.raw(name)
    if (value === undefined) return fallback
    const parsed = Number(value)
    if (!Number.isFinite(parsed) || (whole && !Number.isInteger(parsed)) || parsed < min || parsed > max) {
      this.invalid.push(`${name}: must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`)
      return fallback
    }
    return parsed
  }

  /** An https URL (http only for loopback hosts, which tests and local fakes use). */
  url(name: SettingName, fallback: string): string {
    const value = this.raw(name) ?? fallback
    try {
      const url = new URL(value)
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
      if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.origin + url.pathname.replace(/\/$/, '')
    } catch {
      // reported below
    }
    this.invalid.push(`${name}: must be an https URL`)
    return fallback
  }

  /** The policy's rule (null when set to `off`); the limiter must be bound. */
  rateLimit(policy: RateLimitPolicy): RateLimitRule | null {
    const { name, setting, fallback, key } = policy
    let rule: RateLimitRule | null
    try {
      rule = parseRateLimitRule(this.raw(setting) ?? fallback)
    } catch (error) {
      this.invalid.push(`${setting}: ${(error as Error).message}`)
      rule = parseRateLimitRule(fallback)
    }
    if (rule) this.binding('RATE_LIMITER', 'Durable Object')
    this.rateLimits.push({ policy: name, setting, key, rule: rule?.text ?? 'off', capacity: rule?.capacity ?? null, refill_per_second: rule?.refillPerSecond ?? null })
    return rule
  }

  /** A state binding declared in wrangler.toml; missing when the deployment lacks it (the relay then never runs). */
  binding<K extends Exclude<keyof Env, SettingName>>(name: K, kind: 'Durable Object' | 'D1'): NonNullable<Env[K]> {
    const value = this.env[name]
    if (!value) this.missing.push(`${name} (${kind} binding, see wrangler.toml)`)
    return value as NonNullable<Env[K]>
  }

  /** The relay's state: its settings when nothing is missing or invalid. */
  finish<T>(settings: T): RelayState<T> {
    if (this.missing.length > 0 || this.invalid.length > 0) {
      return { enabled: true, ready: false, missing: this.missing, invalid: this.invalid, rateLimits: this.rateLimits }
    }
    return { enabled: true, ready: true, missing: [], invalid: [], rateLimits: this.rateLimits, settings }
  }
}

export const disabledRelay: RelayState<never> = { enabled: false, ready: false, missing: [], invalid: [], rateLimits: [] }
