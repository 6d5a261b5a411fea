import type { Context } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import { VISITOR_COOKIE } from './contract/names.js'
import { MIN_CALLER_SECRET_LENGTH } from '../../platform/settings.js'

export type SameSite = 'Lax' | 'Strict' | 'None'

export interface VisitorCookieSettings {
  /** CHATKIT_COOKIE_SECRET's HMAC-SHA256 keys: the first signs, any verifies (a rotation). */
  secrets: string[]
  sameSite: SameSite
}

/** 128 random bits, base64url; then the Unix second relaykit signed it. */
const SIGNED_VALUE = /^([A-Za-z0-9_-]{22})\.(\d{1,12})$/
/** A visitor keeps their ChatKit history while they come back within this; each start renews it. */
const MAX_AGE_SECONDS = 30 * 24 * 3600

/** A CHATKIT_COOKIE_SECRET entry; the sandbox's public key is short on purpose. */
export const cookieSigningKey = (sandbox: boolean) => (entry: string) => {
  if (!sandbox && entry.length < MIN_CALLER_SECRET_LENGTH) throw new Error(`must be at least ${MIN_CALLER_SECRET_LENGTH} characters (for example \`openssl rand -hex 32\`)`)
  return entry
}

export function parseSameSite(entry: string): SameSite {
  const match = (['Lax', 'Strict', 'None'] as const).find((value) => value.toLowerCase() === entry.toLowerCase())
  if (!match) throw new Error('must be Lax, Strict or None')
  return match
}

export function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

/**
 * Secure requests use `__Host-`, a name only this host can set: without it a sibling subdomain
 * could plant its own cookie of the same name, which may be read first. Plain http (the local
 * sandbox) cannot set a `__Host-` cookie, so it keeps the bare name.
 */
function hostPrefix(c: Context, settings: VisitorCookieSettings): 'host' | undefined {
  return settings.sameSite === 'None' || new URL(c.req.url).protocol === 'https:' ? 'host' : undefined
}

/**
 * The visitor id of the request's cookie, when relaykit signed it with one of its keys (hono
 * checks the HMAC with WebCrypto's verify, in constant time) within the cookie's max age: the
 * browser's Max-Age does not bind a stolen copy. A missing, tampered, foreign or stale cookie
 * names no one.
 */
export async function signedVisitorId(c: Context, settings: VisitorCookieSettings): Promise<string | undefined> {
  const prefix = hostPrefix(c, settings)
  for (const secret of settings.secrets) {
    const value = await getSignedCookie(c, secret, VISITOR_COOKIE, prefix)
    if (value === undefined) return undefined // no cookie at all
    if (value === false) continue // not this key's signature
    const [, id, issuedAt] = SIGNED_VALUE.exec(value) ?? []
    return id && nowSeconds() - Number(issuedAt) < MAX_AGE_SECONDS ? id : undefined
  }
  return undefined
}

/**
 * Sets the visitor's signed, HttpOnly cookie. Secure over https; `SameSite=None` (a page on
 * another site) also needs Secure, and Partitioned keeps it to the embedding site, which is all
 * a third-party cookie may still be in browsers that partition or block them.
 */
export async function setVisitorCookie(c: Context, settings: VisitorCookieSettings, id: string): Promise<void> {
  const crossSite = settings.sameSite === 'None'
  const prefix = hostPrefix(c, settings)
  const [signingKey] = settings.secrets
  if (!signingKey) throw new Error('no visitor cookie signing key: the chatkit settings require one')
  await setSignedCookie(c, VISITOR_COOKIE, `${id}.${nowSeconds()}`, signingKey, {
    path: '/',
    httpOnly: true,
    secure: prefix === 'host',
    sameSite: settings.sameSite,
    partitioned: crossSite,
    maxAge: MAX_AGE_SECONDS,
    prefix,
  })
}
