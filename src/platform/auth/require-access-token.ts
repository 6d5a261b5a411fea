import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../app-env.js'
import { bearerToken } from './bearer.js'
import { userFingerprint, type AccessTokenVerifier } from './access-token-verifier.js'

/**
 * Requires `Authorization: Bearer <access token>` from the relay's OIDC issuer, verified locally.
 * The verified user is on the context, and the caller is named by a fingerprint of issuer and
 * subject (for rate limits and logs), never by the token.
 */
export function requireAccessToken<S>(verifierOf: (settings: S) => AccessTokenVerifier): MiddlewareHandler<RelayEnv<S>> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'), 'access token')
    const user = await verifierOf(c.var.settings)(token)
    c.set('user', user)
    c.set('caller', await userFingerprint(user))
    await next()
  }
}
