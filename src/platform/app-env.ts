import type { Env } from './env.js'
import type { VerifiedUser } from './auth/access-token-verifier.js'

export interface AppVariables {
  requestId: string
  /** Which relay answered, for the request log. */
  relay?: string
  /** The error code answered, for the request log and the audit trail. */
  errorCode?: string
  /** A fingerprint of the credential the caller proved, never the credential (bearer-auth.ts). */
  caller?: string
  /** The answer was replayed for a repeated idempotency key. */
  replayed?: boolean
  /** The status of the upstream's answer to a write, for the audit trail. */
  upstreamStatus?: number
  /** The write was a dry run: nothing was sent. */
  dryRun?: boolean
  /** The user whose access token was verified (gateway and chatkit relays). */
  user?: VerifiedUser
}

export type AppEnv = { Bindings: Env; Variables: AppVariables }

/** A relay's routes see its own validated settings. */
export type RelayEnv<Settings> = { Bindings: Env; Variables: AppVariables & { settings: Settings } }
