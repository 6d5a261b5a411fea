import type { Env } from './env.js'

export const RELAY_NAMES = ['github', 'operator', 'openai', 'gateway', 'chatkit', 'audit'] as const
export type RelayName = (typeof RELAY_NAMES)[number]

/** RELAYS lists the relays to turn on; unset means all of them. */
export function isRelayEnabled(env: Env, name: RelayName): boolean {
  const listed = env.RELAYS?.split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
  return !listed || listed.length === 0 || listed.includes(name)
}
