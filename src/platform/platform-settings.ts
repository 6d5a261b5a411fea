import type { Env } from './env.js'
import { perEnv } from './per-env.js'
import { SettingsReader } from './settings.js'

/** Just under ChatGPT's 100,000-character action payload limit. */
export const DEFAULT_MAX_BODY_BYTES = 100_000

function parseOrigin(origin: string): string {
  if (new URL(origin).origin !== origin) throw new Error('must be an origin like https://app.example.com')
  return origin
}

const oneOf = (names: readonly string[], what: string) => (name: string) => {
  if (!names.includes(name.toLowerCase())) throw new Error(`is not ${what} (${names.join(', ')})`)
  return name
}

/**
 * Settings every relay shares. A malformed one falls back to its safe default and is reported.
 * `relays` are the relays' names, `rootRelays` those that can answer at `/`.
 */
export const platformSettings = (relays: readonly string[], rootRelays: readonly string[]) =>
  perEnv((env: Env) => {
    const reader = new SettingsReader(env)
    return {
      allowedOrigins: reader.list('ALLOWED_ORIGINS', parseOrigin),
      maxBodyBytes: reader.integer('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1_024, 10_000_000),
      // Read only to report a misspelt name, which would otherwise turn a relay off, or leave `POST /` unanswered, silently.
      relays: reader.list('RELAYS', oneOf(relays, 'a relay')),
      rootRelay: reader.list('ROOT_RELAY', oneOf(rootRelays, 'a relay that answers at /')),
      invalid: reader.invalid,
    }
  })

export type PlatformSettings = ReturnType<ReturnType<typeof platformSettings>>
