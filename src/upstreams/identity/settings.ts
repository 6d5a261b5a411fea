import type { AccessTokenIssuer } from '../../platform/auth/access-token-verifier.js'
import type { Env } from '../../platform/env.js'
import type { SettingsReader } from '../../platform/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    /** A Kinde business domain (e.g. `acme.kinde.com`); fills in the OIDC_* and ENTITLEMENTS_API_URL defaults. */
    KINDE_DOMAIN?: string
    OIDC_ISSUER?: string
    OIDC_AUDIENCE?: string
    OIDC_JWKS_URL?: string
    /** Comma-separated JWS algorithms accepted (default RS256). */
    OIDC_ALGORITHMS?: string
  }
}

export type OidcSettings = AccessTokenIssuer

/** Asymmetric algorithms only: an HS* secret shared with the issuer, or `none`, is never accepted. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']

function parseAlgorithm(entry: string): string {
  if (!ASYMMETRIC_ALGORITHMS.includes(entry)) throw new Error(`must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')}`)
  return entry
}

/** KINDE_DOMAIN as an origin (`acme.kinde.com` → `https://acme.kinde.com`); undefined when unset or malformed. */
export function kindeOrigin(env: Env): string | undefined {
  const domain = env.KINDE_DOMAIN?.trim()
  if (!domain) return undefined
  try {
    return new URL(/^https?:\/\//.test(domain) ? domain : `https://${domain}`).origin
  } catch {
    return undefined
  }
}

/** Whether a deployment configured an access-token issuer at all (KINDE_DOMAIN or OIDC_ISSUER). */
export const oidcConfigured = (env: Env) => Boolean(env.KINDE_DOMAIN?.trim() || env.OIDC_ISSUER?.trim())

/**
 * The issuer whose access tokens relaykit accepts. KINDE_DOMAIN fills in the issuer and its JWKS
 * URL (`/.well-known/jwks.json`); OIDC_ISSUER and OIDC_JWKS_URL set or override them for any
 * OIDC issuer. The audience is always required: without it, a token minted for another API of
 * the same issuer would be accepted.
 */
export function readOidcSettings(reader: SettingsReader, env: Env): OidcSettings {
  const kindeBase = kindeOrigin(env)
  if (env.KINDE_DOMAIN?.trim() && !kindeBase) reader.invalid.push('KINDE_DOMAIN: must be a domain like acme.kinde.com')
  const issuerSet = env.OIDC_ISSUER?.trim() || kindeBase
  if (!issuerSet) reader.missing.push('KINDE_DOMAIN or OIDC_ISSUER')
  const issuer = issuerSet ?? ''
  const jwksUrl = issuer ? reader.url('OIDC_JWKS_URL', `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`) : ''
  const audience = reader.required('OIDC_AUDIENCE')
  const listed = reader.list('OIDC_ALGORITHMS', parseAlgorithm)
  return { issuer, audience, jwksUrl, algorithms: listed.length > 0 ? listed : ['RS256'] }
}

/** The name relays ask the app's dependencies for the sign-in provider's fetch by. */
export const IDENTITY_UPSTREAM = 'identity'
