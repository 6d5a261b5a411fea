import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.js'

/**
 * A fresh `req_…` id on every request and response. An id sent by the caller is not reused: it
 * would let a client write misleading lines into the logs.
 */
export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const id = `req_${crypto.randomUUID().replaceAll('-', '')}`
  c.set('requestId', id)
  c.header('X-Request-Id', id)
  await next()
}
