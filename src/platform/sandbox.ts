import { sandboxDefaults } from '../sandbox/defaults.js'
import type { Env } from './env.js'
import { perEnv } from './per-env.js'

/**
 * `on`: SANDBOX=true and no real upstream secret, so every upstream is an embedded fake.
 * `refused`: SANDBOX=true next to a real GITHUB_TOKEN or OPENAI_API_KEY; the relays then refuse to
 * run, and nothing is labelled as the sandbox or hands out its public tokens.
 */
export type SandboxMode = 'off' | 'on' | 'refused'

/** Setting any of these means a real deployment, never the sandbox. */
export const REAL_UPSTREAM_SECRETS = ['GITHUB_TOKEN', 'OPENAI_API_KEY'] as const

export function sandboxMode(env: Env): SandboxMode {
  if (env.SANDBOX?.trim().toLowerCase() !== 'true') return 'off'
  return REAL_UPSTREAM_SECRETS.some((name) => env[name]?.trim()) ? 'refused' : 'on'
}

export const SANDBOX_REFUSED = `SANDBOX: cannot be on while ${REAL_UPSTREAM_SECRETS.join(' or ')} is set; remove SANDBOX to use the real upstreams`

export const isSandbox = (env: Env) => sandboxMode(env) === 'on'

/**
 * The bindings a relay should read: as given, or in the sandbox with the public sandbox values
 * under whatever was set. The real upstream secrets have no sandbox value: setting one refuses the sandbox.
 */
export const effectiveEnv = perEnv((env): Env => (isSandbox(env) ? { ...sandboxDefaults, ...env } : env))
