import type { AppVariables } from '../app-env.js'
import type { VerifiedUser } from './access-token-verifier.js'

/**
 * The caller's fingerprint, which an auth middleware before this route set. A route that reads it
 * without one is wired wrong: that fails loudly rather than serve an anonymous caller.
 */
export function callerOf(c: { var: Pick<AppVariables, 'caller'> }): string {
  if (!c.var.caller) throw new Error('no caller: an auth middleware must run before this route')
  return c.var.caller
}

/** The user whose access token requireAccessToken verified. */
export function verifiedUserOf(c: { var: Pick<AppVariables, 'user'> }): VerifiedUser {
  if (!c.var.user) throw new Error('no verified user: requireAccessToken must run before this route')
  return c.var.user
}
