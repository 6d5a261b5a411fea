import type { MiddlewareHandler } from 'hono'
import { METHOD_NAME_ALL } from 'hono/router'
import { TrieRouter } from 'hono/router/trie-router'
import type { AppEnv } from './app-env.js'
import type { Env } from './env.js'
import { log } from './log.js'
import { retryLater } from './relay-error.js'

/** Method and path (as Hono routes it) of each route. */
export type RouteTable = readonly (readonly [method: string, path: string])[]

/** Routes built on their first request: a relay's, or relaykit's own. */
export interface FirstUse<Routes = unknown> {
  name: string
  routeTable: RouteTable
  build: () => Promise<Routes>
}

/**
 * Before the app sees a request, builds the routes it is for, once per isolate, and hands them to
 * `built`. Building a relay's routes (its contract's zod schemas above all) is most of what a relay
 * costs, so the Worker starts without any, and an isolate builds only those it is asked for. Two
 * requests that come while routes are being built wait for the same build; a build that fails (a
 * module that did not load) is logged and tried again by the next request.
 */
export function firstUse<Routes>(
  parts: readonly FirstUse<Routes>[],
  routedPath: (request: Request, options: { env: Env }) => string,
  built: (name: string, routes: Routes) => void,
) {
  let router: TrieRouter<FirstUse<Routes>> | undefined
  const matcher = () => {
    router = new TrieRouter()
    for (const part of parts) for (const [, path] of part.routeTable) router.add(METHOD_NAME_ALL, path, part)
    return router
  }
  const done = new Set<string>()
  const building = new Map<string, Promise<void>>()
  const build = (part: FirstUse<Routes>) => {
    let pending = building.get(part.name)
    if (!pending) {
      pending = part
        .build()
        .then((routes) => {
          built(part.name, routes)
          done.add(part.name)
        })
        .catch((error: unknown) => log('error', 'routes_not_built', { relay: part.name, error: error instanceof Error ? error.name : 'unknown' }))
        .finally(() => building.delete(part.name))
      building.set(part.name, pending)
    }
    return pending
  }
  return async (request: Request, env: Env): Promise<void> => {
    if (done.size === parts.length) return
    const [matches] = (router ?? matcher()).match(METHOD_NAME_ALL, routedPath(request, { env }))
    for (const [part] of matches) if (!done.has(part.name)) await build(part)
  }
}

/** Stands for routes not built yet: reached only when building them failed. */
export const notBuilt =
  (name: string): MiddlewareHandler<AppEnv> =>
  () => {
    throw retryLater(503, 'routes_not_built', `relaykit could not load the ${name} routes. Try again in a moment.`, 1)
  }
