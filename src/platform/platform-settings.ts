import type { Env } from './env.js'
import { perEnv } from './per-env.js'
import { RELAY_NAMES } from './relays-enabled.js'
import { ROOT_RELAY_ROUTES } from './root-relay.js'
import { SettingsReader } from './settings.js'

/** Just under ChatGPT's 100,000-character action payload limit. */
const DEFAULT_MAX_BODY_BYTES = 100_000

function parseOrigin(origin: string): string {
  if (new URL(origin).origin !== origin) throw new Error('must be an origin like https://app.example.com')
  return origin
}

/** Settings every relay shares. A malformed one falls back to its safe default and is reported. */
export const platformSettings = perEnv((env: Env) => {
  const reader = new SettingsReader(env)
  return {
    allowedOrigins: reader.list('ALLOWED_ORIGINS', parseOrigin),
    maxBodyBytes: reader.integer('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1_024, 10_000_000),
    // Read here only to report a misspelt relay name, which would otherwise turn a relay off silently.
    relays: reader.list('RELAYS', (name) => {
      if (!(RELAY_NAMES as readonly string[]).includes(name.toLowerCase())) throw new Error(`is not a relay (${RELAY_NAMES.join(', ')})`)
      return name
    }),
    // Read here only to report a misspelt name, which would otherwise leave `POST /` unanswered.
    rootRelay: reader.list('ROOT_RELAY', (name) => {
      if (!Object.hasOwn(ROOT_RELAY_ROUTES, name.toLowerCase())) throw new Error(`is not a relay that answers at / (${Object.keys(ROOT_RELAY_ROUTES).join(', ')})`)
      return name
    }),
    invalid: reader.invalid,
  }
})
