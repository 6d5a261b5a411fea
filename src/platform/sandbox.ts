import { sandboxDefaults } from '../sandbox/defaults.js'
import type { Env } from './env.js'
import { perEnv } from './per-env.js'

/**
 * `on`: SANDBOX=true and no GitHub token, so every upstream is an embedded fake. `refused`:
 * SANDBOX=true next to a real GITHUB_TOKEN; the GitHub relays then refuse to run, and nothing is
 * labelled as the sandbox or hands out its public tokens.
 */
export type SandboxMode = 'off' | 'on' | 'refused'

export function sandboxMode(env: Env): SandboxMode {
  if (env.SANDBOX?.trim().toLowerCase() !== 'true') return 'off'
  return env.GITHUB_TOKEN?.trim() ? 'refused' : 'on'
}

export const isSandbox = (env: Env) => sandboxMode(env) === 'on'

/**
 * The bindings a relay should read: as given, or in the sandbox with the public sandbox values
 * under whatever was set. GITHUB_TOKEN has no sandbox value: setting it is what refuses the sandbox.
 */
export const effectiveEnv = perEnv((env): Env => (isSandbox(env) ? { ...sandboxDefaults, ...env } : env))
