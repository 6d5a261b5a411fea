import type { Env } from './env.js'
import { perEnv } from './per-env.js'
import type { RelayModule } from './relay-module.js'
import { isRelayEnabled } from './relays-enabled.js'
import type { Sandbox } from './sandbox.js'
import { disabledRelay, type RelayState, SettingsReader } from './settings.js'

/** The bindings a relay reads: as given, or in the sandbox with its public values under them. */
export function effectiveEnv(sandbox: Sandbox | undefined, relays: readonly RelayModule[]) {
  if (!sandbox) return (env: Env) => env
  const defaults = Object.assign({}, sandbox.defaults, ...relays.map((relay) => relay.sandbox ?? {}))
  return perEnv((env): Env => ({ ...defaults, ...env }))
}

/** What each relay made of its settings, read once per bindings object. */
export function relayState<S>(relay: RelayModule<S>, sandbox: Sandbox | undefined, envOf: (env: Env) => Env): (env: Env) => RelayState<S> {
  return perEnv((given) => {
    if (!isRelayEnabled(given, relay.name)) return disabledRelay
    const reader = new SettingsReader(envOf(given), sandbox !== undefined)
    const refusal = sandbox?.refusal(given)
    if (refusal) reader.invalid.push(refusal)
    return reader.finish(relay.settings(reader, envOf(given)))
  })
}
