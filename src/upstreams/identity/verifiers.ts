import { type AccessTokenVerifier, createAccessTokenVerifier } from '../../platform/auth/access-token-verifier.js'
import type { UpstreamFetch } from '../../platform/relay-module.js'
import type { OidcSettings } from './settings.js'

/**
 * Access-token verifiers built once per issuer configuration, so the issuer's keys are fetched
 * once and then cached, not fetched per request.
 */
export function accessTokenVerifiers(fetch: UpstreamFetch) {
  const verifiers = new WeakMap<OidcSettings, AccessTokenVerifier>()
  return (settings: OidcSettings) => {
    let verifier = verifiers.get(settings)
    if (!verifier) {
      verifier = createAccessTokenVerifier(settings, fetch)
      verifiers.set(settings, verifier)
    }
    return verifier
  }
}
