import type { UpstreamFetch } from '../relay-module.js'
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose'
import { sha256Hex } from '../hash.js'
import { RelayError, retryLater } from '../relay-error.js'

/** A caller whose access token relaykit verified. */
export interface VerifiedUser {
  issuer: string
  subject: string
  /** The token itself, for upstream calls made on the user's behalf (never logged). */
  accessToken: string
  claims: JWTPayload
}

/** Small allowance for clocks that disagree; an expired token is still refused. */
const CLOCK_TOLERANCE_SECONDS = 5
const JWKS_TIMEOUT_MS = 5_000

const invalidToken = (message: string) => new RelayError(401, 'invalid_token', message)

/** Why a token was refused, in words a caller can act on; never the token or its claims. */
function refusal(error: unknown): RelayError {
  if (error instanceof RelayError) return error
  if (error instanceof errors.JWTExpired) return invalidToken('The access token has expired. Get a new one from your sign-in provider.')
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return invalidToken('The access token is not valid yet (nbf).')
    if (error.claim === 'iss' || error.claim === 'aud')
      return invalidToken(`The access token was issued for another ${error.claim === 'iss' ? 'issuer' : 'audience'} than this relay accepts.`)
    return invalidToken(`The access token's ${error.claim} claim is missing or invalid.`)
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidToken('The access token is signed with an algorithm this relay does not accept.')
  if (error instanceof errors.JWKSNoMatchingKey) return invalidToken('The access token is signed with a key the issuer does not publish.')
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('The access token signature does not verify.')
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return invalidToken('The bearer credential is not a signed JWT access token.')
  // The issuer's keys could not be fetched or read: not the caller's fault.
  return retryLater(503, 'identity_provider_unreachable', "relaykit could not read the issuer's signing keys (OIDC_JWKS_URL). Try again shortly.", 5)
}

/**
 * Verifies access tokens locally against the issuer's published keys (fetched once, cached by
 * jose for 10 minutes, refetched when an unknown key id appears): signature, pinned algorithms,
 * `iss`, `aud`, `exp`, `nbf`, and a `sub` to know who the user is.
 */
/** The issuer whose access tokens are accepted, and how they must be signed. */
export interface AccessTokenIssuer {
  issuer: string
  audience: string
  jwksUrl: string
  /** The only JWS algorithms a token may be signed with. */
  algorithms: string[]
}

export function createAccessTokenVerifier(settings: AccessTokenIssuer, fetch: UpstreamFetch) {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
    timeoutDuration: JWKS_TIMEOUT_MS,
    [customFetch]: (url, init) => fetch(new Request(url, init)),
  })
  return async (accessToken: string): Promise<VerifiedUser> => {
    try {
      const { payload } = await jwtVerify(accessToken, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: settings.algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      })
      // Every token's subject names its user: anything but a non-empty string would let unrelated tokens share one user.
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw invalidToken("The access token's sub claim is not a non-empty string, so it names no user.")
      return { issuer: settings.issuer, subject: payload.sub, accessToken, claims: payload }
    } catch (error) {
      throw refusal(error)
    }
  }
}

export type AccessTokenVerifier = ReturnType<typeof createAccessTokenVerifier>

/** Names a verified user without their subject in clear: for logs, rate-limit keys and the audit trail. */
export async function userFingerprint(user: Pick<VerifiedUser, 'issuer' | 'subject'>): Promise<string> {
  return `user:${(await sha256Hex(`${user.issuer}\n${user.subject}`)).slice(0, 16)}`
}
