import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../../platform/app-env.js'
import type { AccessTokenVerifier } from '../../platform/auth/access-token-verifier.js'
import type { OidcSettings } from '../../upstreams/identity/settings.js'
import { requireAccessToken } from '../../platform/auth/require-access-token.js'
import { RelayError } from '../../platform/relay-error.js'
import type { ChatKitRelaySettings } from './settings.js'
import { newVisitorId, setVisitorCookie, signedVisitorId } from './visitor-cookie.js'

/**
 * Decides the ChatKit `user`, kept as the caller (c.var.caller), which ChatKit scopes threads by.
 * With an access token it is the verified user (`user:` and a fingerprint of issuer and subject).
 * Without one it is the anonymous visitor of relaykit's signed cookie (`visitor:` and its id): a
 * start that issues a session gives a visitor without a valid cookie a new one, and renews the
 * cookie of one who has it; a refresh cannot, since a new visitor owns no session. Nothing a
 * client merely claims (an X-Client-ID header, or a cookie relaykit did not sign) is identity.
 */
export function chatkitUser(verifier: (settings: OidcSettings) => AccessTokenVerifier, step: 'start' | 'refresh'): MiddlewareHandler<RelayEnv<ChatKitRelaySettings>> {
  const signedIn = requireAccessToken<ChatKitRelaySettings>(({ oidc }) => {
    if (!oidc) {
      throw new RelayError(
        400,
        'access_token_not_accepted',
        'This deployment verifies no access tokens (KINDE_DOMAIN or OIDC_ISSUER is not set). Send the request without Authorization to be an anonymous visitor.',
      )
    }
    return verifier(oidc)
  })
  return async (c, next) => {
    const { visitorCookie } = c.var.settings
    if (c.req.header('Authorization') !== undefined) return signedIn(c, next)
    let visitor = await signedVisitorId(c, visitorCookie)
    if (visitor === undefined && step === 'refresh') {
      throw new RelayError(
        401,
        'visitor_unknown',
        "The request has no valid visitor cookie and no access token, so no session can be its own. Send the cookie /api/chatkit/start set (cross-origin: fetch with credentials: 'include'), or start a new session.",
      )
    }
    visitor ??= newVisitorId()
    c.set('caller', `visitor:${visitor}`)
    await next()
    // Only once a session was issued: a refused start gives no one a (new or renewed) cookie.
    if (step === 'start' && c.res.status === 200) await setVisitorCookie(c, visitorCookie, visitor)
  }
}
