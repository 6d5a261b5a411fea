import { Hono, type MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { metaRouteTable } from './meta/route-table.js'
import type { AppEnv } from './platform/app-env.js'
import type { Env } from './platform/env.js'
import { bodyLimit } from './platform/body-limit.js'
import { byAscendingSpecificity, type ErrorEnvelope } from './platform/error-envelope.js'
import { handleError, handleNotFound } from './platform/error-handler.js'
import { type FirstUse, firstUse, notBuilt, type RouteTable } from './platform/first-use.js'
import { methodNotAllowed } from './platform/method-not-allowed.js'
import { originPolicy } from './platform/origin-policy.js'
import { perEnv } from './platform/per-env.js'
import { platformSettings } from './platform/platform-settings.js'
import type { RelayDependencies, RelayModule, UpstreamFetch } from './platform/relay-module.js'
import { relayGate } from './platform/relay-gate.js'
import { effectiveEnv, relayState } from './platform/relay-state.js'
import { requestId } from './platform/request-id.js'
import { requestLog } from './platform/request-log.js'
import { type RootRoutes, rootRelayPath } from './platform/root-relay.js'
import type { Sandbox } from './platform/sandbox.js'
import { SettingsReader } from './platform/settings.js'
import { relays as allRelays } from './relays.js'

export interface AppOptions {
  relays?: readonly RelayModule[]
  /** Upstreams reached some other way than the network, by name (tests pass fakes held to the upstreams' contracts). */
  fetch?: Record<string, UpstreamFetch>
  /** Runs the local sandbox: only the sandbox's own entry passes one. */
  sandbox?: Sandbox
}

const networkFetch: UpstreamFetch = (request) => fetch(request)

/** The literal first segments of route paths (`/docs/scalar.js` → `docs`). */
const firstSegments = (paths: readonly string[]) => [...new Set(paths.map((path) => path.split('/')[1] ?? '').filter((segment) => segment !== '' && !/^[:*{]/.test(segment)))]

const useEnvelope =
  (envelope: ErrorEnvelope, requestIdHeader: string | undefined): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('errorEnvelope', envelope)
    if (requestIdHeader) c.header(requestIdHeader, c.get('requestId'))
    await next()
  }

// biome-ignore lint/suspicious/noExplicitAny: each relay's routes have their own Env; the app only mounts them.
type Routes = Hono<any, any, any>

/** What the entries export as `fetch`. */
export interface RelaykitApp {
  fetch(request: Request, env: Env, executionContext?: ExecutionContext): Promise<Response>
}

/**
 * Builds the Worker from the list of relays: platform middleware first, then every relay's
 * contract-checked routes. A relay's routes (and relaykit's own) are built on the first request
 * to one of them, so start-up builds no zod schema of theirs; the app is then put together again
 * with them, so every request runs through one app, as if they had been there from the start.
 */
export function createApp({ relays = allRelays, fetch: fakes = {}, sandbox }: AppOptions = {}): RelaykitApp {
  const envOf = effectiveEnv(sandbox, relays)
  const rootRoutes: Record<string, RootRoutes> = Object.fromEntries(
    relays.flatMap((relay) => (relay.rootRoute || relay.rootPages ? [[relay.name, { post: relay.rootRoute, pages: relay.rootPages }]] : [])),
  )
  const shared = platformSettings(
    relays.map((relay) => relay.name),
    Object.keys(rootRoutes),
  )
  const upstreams: Record<string, UpstreamFetch> = { ...sandbox?.fetch, ...fakes }
  // Next to a real upstream secret the sandbox is inert: not labelled, no public credentials, no sandbox routes.
  const sandboxOn = (env: Env) => sandbox !== undefined && sandbox.refusal(env) === undefined
  let reserved: readonly string[] | undefined
  const dependencies: RelayDependencies = {
    fetch: (upstream: string) => upstreams[upstream] ?? networkFetch,
    // Every path the finished app answers or guards, and the root pages; a param or a wildcard reserves nothing.
    reservedPathSegments: () =>
      (reserved ??= firstSegments([...current().routes.map((route) => route.path), ...Object.values(rootRoutes).flatMap((root) => Object.keys(root.pages ?? {}))])),
  }
  const routedPath = rootRelayPath(rootRoutes)
  // Applied from the least specific path to the most, so the most specific path's shape is the one that holds.
  const envelopes = relays.flatMap((relay) => relay.errorEnvelopes ?? []).sort((a, b) => byAscendingSpecificity(a.path, b.path))
  const states = relays.map((relay) => ({ relay, state: relayState(relay, sandbox, envOf) }))
  const gates = states.map(({ relay, state }) => {
    const own = relay.bodyLimit
    const limit = own
      ? bodyLimit(
          own.setting,
          perEnv((env) => new SettingsReader(envOf(env)).integer(own.setting, own.bytes, 1_024, own.max)),
        )
      : bodyLimit('MAX_BODY_BYTES', (env) => shared(env).maxBodyBytes)
    return { relay, gate: relayGate(relay.name, state), limit }
  })
  const origins = originPolicy(
    (env) => shared(env).allowedOrigins,
    relays.map((relay) => relay.cors ?? {}),
  )
  /** Each relay's routes once built, by its name; relaykit's own under `meta`. */
  const built = new Map<string, Routes>()

  const assemble = () => {
    const app = new Hono<AppEnv>({ getPath: routedPath })
    app.use(requestId(), requestLog(), secureHeaders())
    for (const { path, envelope, requestIdHeader } of envelopes) app.use(path, useEnvelope(envelope, requestIdHeader))
    app.use(origins)
    // Before every relay's gate and authentication; it reads the routes registered below.
    app.use(methodNotAllowed(() => app.routes, routedPath))
    for (const { relay, gate, limit } of gates) {
      // Every path the relay answers, and once its routes are built every path its own middleware
      // guards (`/chatgpt/*`), so none of it runs without its settings.
      const guarded = [...relay.routeTable.map(([, path]) => path), ...(built.get(relay.name)?.routes.map((route) => route.path) ?? [])]
      for (const path of new Set(guarded)) app.use(path, gate, limit)
      mount(app, relay.name, relay.routeTable)
    }
    if (sandbox) {
      app.use('/sandbox/*', async (c, next) => (sandboxOn(c.env) ? next() : c.notFound()))
      app.route('/', sandbox.routes)
    }
    mount(app, 'meta', metaRouteTable)
    app.onError(handleError)
    app.notFound(handleNotFound)
    return app
  }
  /** The routes of `name` once built; before, its table, answered only if building them failed. */
  const mount = (app: Hono<AppEnv>, name: string, table: RouteTable) => {
    const routes = built.get(name)
    if (routes) app.route('/', routes)
    else for (const [method, path] of table) app.on(method, path, notBuilt(name))
  }
  // Put together on the first request, after the routes it is for are built, so that is done once.
  let app: Hono<AppEnv> | undefined
  const current = () => (app ??= assemble())

  const loaders: FirstUse<Routes>[] = [
    ...relays.map((relay) => ({ name: relay.name, routeTable: relay.routeTable, build: async () => (await relay.routes())(dependencies) as Routes })),
    { name: 'meta', routeTable: metaRouteTable, build: async () => (await import('./meta/routes.js')).metaRoutes({ states, shared, sandbox, sandboxOn, envOf }) },
  ]
  const ready = firstUse(loaders, routedPath, (name, routes) => {
    built.set(name, routes)
    app = undefined
  })
  return {
    async fetch(request, env, executionContext) {
      await ready(request, env)
      return current().fetch(request, env, executionContext)
    },
  }
}
