import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import type { AppEnv } from './app-env.js'
import { errorResponse } from './error-handler.js'
import { RelayError } from './relay-error.js'

/** What every relay's browser callers may send and read; relays add their own (RelayModule.cors). */
const ALLOW_HEADERS = ['Authorization', 'Content-Type']
const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']

export interface CorsHeaders {
  allowHeaders?: readonly string[]
  exposeHeaders?: readonly string[]
}

/**
 * CORS as a server-side rule: a request that carries an Origin must come from the Worker's own
 * origin or one on the exact-match allowlist, or it is refused with 403 (a browser's CORS block is
 * not a defence: curl and servers ignore it). Requests without an Origin (servers, ChatGPT) pass.
 * Preflights are answered here, before any auth.
 */
export function originPolicy(allowedOrigins: (env: AppEnv['Bindings']) => readonly string[], additions: readonly CorsHeaders[] = []): MiddlewareHandler<AppEnv> {
  const allowCors = cors({
    origin: (origin) => origin,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: [...new Set([...ALLOW_HEADERS, ...additions.flatMap((added) => added.allowHeaders ?? [])])],
    exposeHeaders: [...new Set([...EXPOSED_HEADERS, ...additions.flatMap((added) => added.exposeHeaders ?? [])])],
    maxAge: 600,
    // Relays may keep a session in a cookie; only an allowed origin ever gets this far.
    credentials: true,
  })
  return async (c, next) => {
    const origin = c.req.header('Origin')
    if (origin === undefined) return next()
    const ownOrigin = new URL(c.req.url).origin
    if (origin !== ownOrigin && !allowedOrigins(c.env).includes(origin)) {
      return errorResponse(
        c,
        new RelayError(403, 'origin_not_allowed', `Requests from ${origin.slice(0, 100)} are not allowed. Add the origin to ALLOWED_ORIGINS (exact match, no trailing slash).`),
      )
    }
    return allowCors(c, next)
  }
}
