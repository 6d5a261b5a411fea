import type { RefreshClaim } from './sessions/session-record.js'
import { RelayError, retryLater } from '../../platform/relay-error.js'

const startAgain = 'Start a new session with POST /api/chatkit/start.'

export type HeldClaim = Extract<RefreshClaim, { outcome: 'claimed' }>

/** The claim on the session a refresh may replace, or the refusal that says why the secret cannot be refreshed. */
export function heldClaim(claim: RefreshClaim): HeldClaim {
  switch (claim.outcome) {
    case 'claimed':
      return claim
    case 'unknown':
      throw new RelayError(401, 'client_secret_unknown', `relaykit has no live session for this client secret: it was not issued here, or its session has ended. ${startAgain}`)
    case 'not_yours':
      throw new RelayError(403, 'client_secret_not_yours', `This client secret was issued to another user, so it cannot be refreshed for this one. ${startAgain}`)
    case 'expired':
      throw new RelayError(401, 'client_secret_expired', `This client secret's session has expired, so it can no longer be refreshed. ${startAgain}`)
    case 'revoked':
      throw new RelayError(
        401,
        'client_secret_revoked',
        `This client secret was already refreshed, and its session cancelled. Refresh the newest secret, or start a new session with POST /api/chatkit/start.`,
      )
    case 'in_progress':
      throw retryLater(
        409,
        'refresh_in_progress',
        `Another request is refreshing this client secret right now. Retry in ${claim.retryAfterSeconds} seconds.`,
        claim.retryAfterSeconds,
      )
  }
}

/** The refresh outlived its claim, and another request may have refreshed the secret since. */
export const claimLapsed = () =>
  retryLater(
    409,
    'refresh_claim_lapsed',
    'This refresh took too long, and another request may have refreshed the same client secret since; no new session was handed out. Refresh the newest secret, or start a new session with POST /api/chatkit/start.',
    1,
  )
