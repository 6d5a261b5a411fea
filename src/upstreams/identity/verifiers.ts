import { sandboxIdentityProvider } from '../../sandbox/identity.js'
import { createAccessTokenVerifier, type AccessTokenVerifier, type IdentityFetch } from '../../platform/auth/access-token-verifier.js'
import type { OidcSettings } from './settings.js'

/**
 * Access-token verifiers built once per issuer configuration, so the issuer's keys are fetched
 * once and then cached, not fetched per request: the sandbox's fake issuer, else the network.
 */
export function accessTokenVerifiers(networkFetch: IdentityFetch) {
  const verifiers = new WeakMap<OidcSettings, AccessTokenVerifier>()
  return (settings: OidcSettings) => {
    let verifier = verifiers.get(settings)
    if (!verifier) {
      verifier = createAccessTokenVerifier(settings, settings.sandbox ? sandboxIdentityProvider().fetch : networkFetch)
      verifiers.set(settings, verifier)
    }
    return verifier
  }
}

/** The fetch for calls made to the identity provider on a user's behalf (Kinde's Account API). */
export const identityFetchFor = (networkFetch: IdentityFetch) => (settings: OidcSettings) => (settings.sandbox ? sandboxIdentityProvider().fetch : networkFetch)
