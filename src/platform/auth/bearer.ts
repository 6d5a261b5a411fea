import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../app-env.js'
import { sha256, sha256Hex } from '../hash.js'
import { RelayError } from '../relay-error.js'

/**
 * Compares a presented secret with an expected one in constant time. Hashing both first gives
 * equal-length inputs, so neither the content nor the length of the secret leaks through timing.
 */
export async function secretsMatch(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(presented), sha256(expected)])
  return crypto.subtle.timingSafeEqual(a, b)
}

/**
 * Names a credential without revealing it: the first 64 bits of its SHA-256. Enough to tell
 * callers (and an old token from its rotation) apart in the audit trail and rate-limit keys; a
 * secret of 32+ random characters cannot be recovered from it.
 */
export async function credentialFingerprint(secret: string): Promise<string> {
  return `sha256:${(await sha256Hex(secret)).slice(0, 16)}`
}

/** The bearer token of a request, or a RelayError saying what is wrong with the header. */
export function bearerToken(authorization: string | undefined, secretName: string): string {
  if (!authorization) {
    throw new RelayError(401, 'unauthorized', `Missing credentials. Send \`Authorization: Bearer <${secretName}>\`.`)
  }
  const match = /^Bearer +(\S+)$/i.exec(authorization)
  if (!match?.[1]) {
    throw new RelayError(401, 'unauthorized', `Use the Bearer scheme: \`Authorization: Bearer <${secretName}>\`.`)
  }
  return match[1]
}

/**
 * Requires `Authorization: Bearer <secret>`, where the secret is any of those the relay's
 * settings accept (so a secret can be rotated by accepting old and new for a while), and names
 * the caller by the credential's fingerprint.
 */
export function requireBearer<S>(secretName: string, accepted: (settings: S) => readonly string[]): MiddlewareHandler<RelayEnv<S>> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'), secretName)
    const checks = await Promise.all(accepted(c.get('settings')).map((secret) => secretsMatch(token, secret)))
    if (!checks.includes(true)) {
      throw new RelayError(401, 'unauthorized', `The bearer token is not the ${secretName} this relay expects.`)
    }
    c.set('caller', await credentialFingerprint(token))
    await next()
  }
}
