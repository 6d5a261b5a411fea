import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from './app-env.js'
import type { Env } from './env.js'
import { RelayError } from './relay-error.js'
import type { RelayState } from './settings.js'

/**
 * The first step of every relay route: name the relay for the log, and answer 503 naming what is
 * missing when the relay is off or not fully configured. Otherwise its settings are on the context.
 */
export function relayGate<S>(relay: string, state: (env: Env) => RelayState<S>): MiddlewareHandler<RelayEnv<S>> {
  return async (c, next) => {
    c.set('relay', relay)
    const current = state(c.env)
    if (!current.enabled) {
      throw new RelayError(503, 'relay_disabled', `The ${relay} relay is off. Add "${relay}" to RELAYS to turn it on.`)
    }
    if (!current.ready) {
      const problems = [...current.missing.map((name) => `missing ${name}`), ...current.invalid]
      throw new RelayError(503, 'relay_not_configured', `The ${relay} relay is not configured: ${problems.join('; ')}.`)
    }
    c.set('settings', current.settings)
    await next()
  }
}
