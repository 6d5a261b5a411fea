import type { MiddlewareHandler } from 'hono'
import { METHOD_NAME_ALL } from 'hono/router'
import { TrieRouter } from 'hono/router/trie-router'
import type { AppEnv } from './app-env.js'
import type { Env } from './env.js'
import { errorResponse } from './error-handler.js'
import { RelayError } from './relay-error.js'

export interface KnownRoute {
  method: string
  path: string
}

/** The path a request is routed by (the app's `getPath`: ROOT_RELAY moves `POST /`). */
export type RoutedPath = (request: Request, options: { env: Env }) => string

/**
 * A path the app answers, asked with a method it does not answer, is refused with 405 and
 * `Allow` before any relay's middleware, so the caller learns that the method is wrong, not
 * that its credential is (401) or the path is missing (404). A bare OPTIONS (no Origin, so not a
 * CORS preflight, which the origin policy answers) gets 204 with `Allow`. The paths and methods
 * are the app's own routes, read on the first request, when every route is registered.
 */
export function methodNotAllowed(routes: () => readonly KnownRoute[], routedPath: RoutedPath): MiddlewareHandler<AppEnv> {
  let known: { router: TrieRouter<string>; methods: readonly string[] } | undefined
  const load = () => {
    const router = new TrieRouter<string>()
    // Middleware is registered for every method; only handlers say which methods a path answers.
    const handlers = routes().filter((route) => route.method !== METHOD_NAME_ALL)
    for (const { method, path } of handlers) router.add(METHOD_NAME_ALL, path, method)
    return { router, methods: [...new Set(handlers.map((route) => route.method))] }
  }
  const table = () => (known ??= load())
  const methodsAt = (path: string) =>
    new Set(
      table()
        .router.match(METHOD_NAME_ALL, path)[0]
        .map(([method]) => method),
    )

  return async (c, next) => {
    // Hono answers HEAD with the GET route.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method
    const here = methodsAt(c.req.path)
    if (here.size === 0 || here.has(method)) return next()

    const allowed = table().methods.filter((candidate) => methodsAt(routedPath(new Request(c.req.url, { method: candidate }), { env: c.env })).has(candidate))
    const allow = [...allowed.flatMap((name) => (name === 'GET' ? ['GET', 'HEAD'] : [name])), 'OPTIONS'].sort().join(', ')
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow })
    const listed = allowed.join(' or ')
    return errorResponse(
      c,
      new RelayError(405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path.slice(0, 200)}; use ${listed}. See /docs for the routes.`, {
        headers: { Allow: allow },
      }),
    )
  }
}
