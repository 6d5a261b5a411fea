import { sandboxDefaults } from '../sandbox/defaults.js'
import type { Env } from './env.js'
import { perEnv } from './per-env.js'

export const isSandbox = (env: Env) => env.SANDBOX?.trim().toLowerCase() === 'true'

/**
 * The bindings a relay should read: as given, or in the sandbox with the public sandbox values
 * under whatever was set. GITHUB_TOKEN has no sandbox value: setting it is what refuses the sandbox.
 */
export const effectiveEnv = perEnv((env): Env => (isSandbox(env) ? { ...sandboxDefaults, ...env } : env))
