import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AppEnv } from './app-env.js'
import { log } from './log.js'

/**
 * One JSON line per request. It holds what the request was and how it ended, never a header, a
 * body, a query string or a token: request bodies carry prompts and secrets.
 */
export const requestLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  const status = c.res.status
  log(status >= 500 ? 'error' : 'info', 'request', {
    request_id: c.get('requestId'),
    method: c.req.method,
    route: routePath(c, -1),
    relay: c.get('relay') ?? null,
    status,
    outcome: status < 400 ? 'ok' : (c.get('errorCode') ?? 'error'),
    duration_ms: Math.round(performance.now() - started),
  })
}
