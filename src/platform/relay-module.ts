import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi'
import type { RelayEnv } from './app-env.js'
import type { Env, SettingName } from './env.js'
import type { ErrorEnvelope } from './error-envelope.js'
import type { RateLimitPolicy } from './rate-limit/policies.js'
import type { SettingsReader } from './settings.js'

/** How a relay reaches an upstream: the network in production, a fake in tests and the sandbox. */
export type UpstreamFetch = (request: Request) => Promise<Response>

/** What the app hands each relay. */
export interface RelayDependencies {
  /** The fetch for an upstream, by the upstream's name. */
  fetch(upstream: string): UpstreamFetch
  /** The first path segments relaykit itself answers (every relay's, and its own routes'), for a relay whose callers name paths. Known once the app is built. */
  reservedPathSegments(): readonly string[]
}

/** What a relay's contract file declares: its operations and how callers prove themselves. */
export interface RelayContract {
  /** The tags of its operations; the relay's contract test produces every documented status of them. */
  tags: readonly string[]
  routes: readonly RouteConfig[]
  securitySchemes: Record<string, Record<string, unknown>>
  /** Its operations go into cf-openapi.json, for ChatGPT Actions. */
  actions?: boolean
}

export type RelayRoutes<S = unknown> = (dependencies: RelayDependencies) => OpenAPIHono<RelayEnv<S>>

/**
 * Everything a relay needs from the rest of relaykit, declared in one object. The app, /health,
 * RELAYS, ROOT_RELAY, CORS, the specs, /docs and the sandbox are all computed from the list of
 * these in src/relays.ts.
 */
export interface RelayModule<S = unknown> {
  /** Its name in RELAYS, ROOT_RELAY, /health and the log. */
  name: string
  /**
   * Its contract, loaded when a document, /docs or a test asks for it. Building a contract's
   * schemas is most of what a relay costs, so the Worker starts without any.
   */
  contract: () => Promise<RelayContract>
  /**
   * Its routes' methods and paths, generated from its contract: its gate and body limit hold on
   * them, and the first request to one builds its routes. test/meta checks they are its routes.
   */
  routeTable: readonly (readonly [method: string, path: string])[]
  /** Reads its settings; what is missing or malformed is noted on the reader, and the relay then answers 503 naming it. */
  settings: (reader: SettingsReader, env: Env) => S
  /** Public values the sandbox fills in for its settings. */
  sandbox?: Partial<Env>
  /** Which setting each of its security schemes presents, so /docs in the sandbox can fill in the sandbox value. */
  credentials?: Record<string, SettingName>
  rateLimits?: Record<string, RateLimitPolicy>
  /** Request headers its browser callers send, and answer headers they may read. */
  cors?: { allowHeaders?: readonly string[]; exposeHeaders?: readonly string[] }
  /** The route `POST /` becomes when ROOT_RELAY names this relay. */
  rootRoute?: string
  /** Pages it also serves at root paths when ROOT_RELAY names it: `GET <path>` becomes `GET <its own path>`. */
  rootPages?: Readonly<Record<string, string>>
  /** The Durable Objects it keeps state in; src/index.ts exports each class and wrangler.toml binds it. */
  durableObjects?: readonly { binding: string; className: string }[]
  /** Its own request-body limit; without one, MAX_BODY_BYTES holds. */
  bodyLimit?: { setting: SettingName; bytes: number; max: number }
  /**
   * Paths whose errors are answered in another API's error shape, for that API's clients; where
   * two paths match, the more specific one's shape holds. `requestIdHeader` also sends the request
   * id under the name that API's clients read it from, on every answer of the path.
   */
  errorEnvelopes?: readonly { path: string; envelope: ErrorEnvelope; requestIdHeader?: string }[]
  /** Its routes, checked against its contract: loaded on the first request under its paths. */
  routes: () => Promise<RelayRoutes<S>>
}

/** Keeps a module's settings type for its routes while the list holds modules of every kind. */
export const defineRelay = <S>(module: RelayModule<S>): RelayModule<S> => module
