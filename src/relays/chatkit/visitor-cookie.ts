import type { Context } from 'hono'
import { getSignedCookie, setSignedCookie } from 'hono/cookie'
import { VISITOR_COOKIE } from '../../contracts/chatkit.js'

export type SameSite = 'Lax' | 'Strict' | 'None'

export interface VisitorCookieSettings {
  /** CHATKIT_COOKIE_SECRET: the HMAC-SHA256 key of the cookie's signature. */
  secret: string
  sameSite: SameSite
}

/** 128 random bits, base64url. */
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/
/** A visitor keeps their ChatKit history while they come back within this; each start renews it. */
const MAX_AGE_SECONDS = 30 * 24 * 3600

export function parseSameSite(entry: string): SameSite {
  const match = (['Lax', 'Strict', 'None'] as const).find((value) => value.toLowerCase() === entry.toLowerCase())
  if (!match) throw new Error('must be Lax, Strict or None')
  return match
}

export function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The visitor id of the request's cookie, when relaykit signed it (hono checks the HMAC with
 * WebCrypto's verify, in constant time). A missing, tampered or foreign cookie names no one.
 */
export async function signedVisitorId(c: Context, settings: VisitorCookieSettings): Promise<string | undefined> {
  const id = await getSignedCookie(c, settings.secret, VISITOR_COOKIE)
  return typeof id === 'string' && VISITOR_ID.test(id) ? id : undefined
}

/**
 * Sets the visitor's signed, HttpOnly cookie. Secure over https; `SameSite=None` (a page on
 * another site) also needs Secure, and Partitioned keeps it to the embedding site, which is all
 * a third-party cookie may still be in browsers that partition or block them.
 */
export async function setVisitorCookie(c: Context, settings: VisitorCookieSettings, id: string): Promise<void> {
  const crossSite = settings.sameSite === 'None'
  await setSignedCookie(c, VISITOR_COOKIE, id, settings.secret, {
    path: '/',
    httpOnly: true,
    secure: crossSite || new URL(c.req.url).protocol === 'https:',
    sameSite: settings.sameSite,
    partitioned: crossSite,
    maxAge: MAX_AGE_SECONDS,
  })
}
