import type { MiddlewareHandler } from 'hono'
import { RelayError } from '../../../platform/relay-error.js'

/**
 * Sign-ins and sessions belong to relaykit's own pages: a request from any other origin is
 * refused, even one ALLOWED_ORIGINS lets call the bridge, so no other page can start a session
 * or act with one.
 */
export const ownOriginOnly = (): MiddlewareHandler => async (c, next) => {
  const origin = c.req.header('Origin')
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    throw new RelayError(403, 'origin_not_allowed', "Sign-ins and accounts are managed from relaykit's own setup page only.")
  }
  await next()
}
