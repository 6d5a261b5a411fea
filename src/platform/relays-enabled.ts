import type { Env } from './env.js'

/** RELAYS lists the relays to turn on; unset means all of them. */
export function isRelayEnabled(env: Env, name: string): boolean {
  const listed = env.RELAYS?.split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
  return !listed || listed.length === 0 || listed.includes(name)
}
