import type { Env } from './env.js'
import type { VerifiedUser } from './auth/access-token-verifier.js'
import type { ErrorEnvelope } from './error-envelope.js'

export interface AppVariables {
  requestId: string
  /** Which relay answered, for the request log. */
  relay?: string
  /** The error code answered, for the request log and the audit trail. */
  errorCode?: string
  /** A fingerprint of the credential the caller proved, never the credential (auth/bearer.ts). */
  caller?: string
  /** The answer was replayed for a repeated idempotency key. */
  replayed?: boolean
  /** The status of the upstream's answer to a write, for the audit trail. */
  upstreamStatus?: number
  /** The write was a dry run: nothing was sent. */
  dryRun?: boolean
  /** The user whose access token was verified. */
  user?: VerifiedUser
  /** The error shape of this path, when it is not relaykit's own. */
  errorEnvelope?: ErrorEnvelope
}

export type AppEnv = { Bindings: Env; Variables: AppVariables }

/** A relay's routes see its own validated settings. */
export type RelayEnv<Settings> = { Bindings: Env; Variables: AppVariables & { settings: Settings } }
