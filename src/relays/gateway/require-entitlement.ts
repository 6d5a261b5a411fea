import { verifiedUserOf } from '../../platform/auth/verified-caller.js'
import type { UpstreamFetch } from '../../platform/relay-module.js'
import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../../platform/app-env.js'
import { RelayError } from '../../platform/relay-error.js'
import { EntitlementCache } from './entitlement-cache.js'
import { holdsEntitlement } from '../../upstreams/identity/entitlements.js'
import type { GatewayRelaySettings } from './settings.js'

/**
 * Lets only users who hold GATEWAY_ENTITLEMENT through, asking Kinde with the user's own token
 * (after the token is verified, so a forged token never reaches Kinde) and remembering the answer
 * for GATEWAY_ENTITLEMENT_CACHE_SECONDS.
 */
export function requireEntitlement(identityFetch: UpstreamFetch): MiddlewareHandler<RelayEnv<GatewayRelaySettings>> {
  const cache = new EntitlementCache()
  return async (c, next) => {
    const { entitlement, entitlementsUrl, entitlementCacheSeconds } = c.var.settings
    const user = verifiedUserOf(c)
    const key = `${c.var.caller}\n${entitlementsUrl}\n${entitlement}`
    let entitled = cache.get(key)
    if (entitled === undefined) {
      entitled = await holdsEntitlement(identityFetch, entitlementsUrl, user.accessToken, entitlement)
      cache.set(key, entitled, entitlementCacheSeconds)
    }
    if (!entitled) throw new RelayError(403, 'entitlement_missing', `This account does not hold the "${entitlement}" entitlement this service requires.`)
    await next()
  }
}
