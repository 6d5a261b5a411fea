import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { jwtVerify, SignJWT } from 'jose'
import { SESSION_COOKIE } from '../contract/schemes.js'
import type { VerifiedGitHubUser } from './copilot-sign-in.js'

/** Managing an account needs a sign-in at most this old. */
export const SESSION_SECONDS = 15 * 60

const AUDIENCE = 'relaykit-copilot-session'
const encoder = new TextEncoder()

/** Who proved their GitHub identity in this browser, and the sign-in that holds their token (device flow only). */
export interface Session {
  user: VerifiedGitHubUser
  signInId?: string
  /** Unix seconds. */
  expiresAt: number
}

/**
 * The session's HMAC keys, derived from COPILOT_TOKEN_KEY's (HKDF), so a deployment needs no
 * further secret: the first signs, each verifies, and rotating the token key ends old sessions.
 */
export async function sessionKeys(tokenKeys: readonly Uint8Array[]): Promise<CryptoKey[]> {
  return Promise.all(
    tokenKeys.map(async (key) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('relaykit copilot session cookie') },
        await crypto.subtle.importKey('raw', key, 'HKDF', false, ['deriveKey']),
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign', 'verify'],
      ),
    ),
  )
}

/** `__Host-` over https, so no sibling subdomain can plant it; plain http (the sandbox) cannot set that prefix. */
const prefixOf = (c: Context) => (new URL(c.req.url).protocol === 'https:' ? 'host' : undefined)

/** Starts a session: a signed, HttpOnly, SameSite=Strict cookie that lives SESSION_SECONDS. */
export async function startSession(c: Context, [signingKey]: readonly CryptoKey[], user: VerifiedGitHubUser, signInId?: string): Promise<Session> {
  if (!signingKey) throw new Error('no session key: COPILOT_TOKEN_KEY holds none')
  const expiresAt = Math.floor(Date.now() / 1000) + SESSION_SECONDS
  const token = await new SignJWT({ login: user.login, ...(signInId ? { sid: signInId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.id))
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(signingKey)
  const prefix = prefixOf(c)
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: prefix === 'host', sameSite: 'Strict', maxAge: SESSION_SECONDS, prefix })
  return { user, signInId, expiresAt }
}

/** The request's session, when its cookie is one relaykit signed and it has not expired. */
export async function sessionOf(c: Context, keys: readonly CryptoKey[]): Promise<Session | undefined> {
  const token = getCookie(c, SESSION_COOKIE, prefixOf(c))
  if (!token) return undefined
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify<{ login?: unknown; sid?: unknown }>(token, key, { algorithms: ['HS256'], audience: AUDIENCE })
      const id = Number(payload.sub)
      if (!Number.isSafeInteger(id) || typeof payload.login !== 'string' || payload.exp === undefined) return undefined
      return { user: { id, login: payload.login }, signInId: typeof payload.sid === 'string' ? payload.sid : undefined, expiresAt: payload.exp }
    } catch {
      // another key's signature, or expired: try the next key
    }
  }
  return undefined
}
