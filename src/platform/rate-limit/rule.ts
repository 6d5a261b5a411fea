/** A token bucket: holds `capacity` requests and refills `refillPerSecond` of them each second. */
export interface RateLimitRule {
  capacity: number
  refillPerSecond: number
  /** The setting as written, for /health. */
  text: string
}

const SECONDS_PER_UNIT = { second: 1, minute: 60, hour: 3_600, day: 86_400 } as const
const RULE_PATTERN = /^(\d{1,7})\s*\/\s*(second|minute|hour|day)(?:\s*,?\s*burst\s+(\d{1,7}))?$/i

/**
 * Reads a rate-limit setting: `<requests>/<second|minute|hour|day>` with an optional
 * `burst <capacity>` (default: the same number of requests), or `off`. `10/minute` holds 10 and
 * refills one every 6 seconds; `1/second burst 10` holds 10 and refills one a second.
 */
export function parseRateLimitRule(text: string): RateLimitRule | null {
  const trimmed = text.trim()
  if (trimmed.toLowerCase() === 'off') return null
  const match = RULE_PATTERN.exec(trimmed)
  const [requests, unit, burst] = [Number(match?.[1]), match?.[2]?.toLowerCase() as keyof typeof SECONDS_PER_UNIT, Number(match?.[3] ?? match?.[1])]
  if (!match || requests < 1 || burst < 1) {
    throw new Error('must look like `10/minute`, `1/second burst 10` or `off` (at least 1 request)')
  }
  return { capacity: burst, refillPerSecond: requests / SECONDS_PER_UNIT[unit], text: trimmed }
}
