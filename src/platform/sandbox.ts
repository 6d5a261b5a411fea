import type { Hono } from 'hono'
import type { AppEnv } from './app-env.js'
import type { Env } from './env.js'
import type { UpstreamFetch } from './relay-module.js'

/** Credentials for /docs by security scheme, in the form Scalar takes for each kind (an API key's value, a bearer token). */
export type DocsPrefill = Record<string, { token: string } | { value: string }>

/**
 * The local sandbox, handed to the app by the sandbox's own entry (never the deployed one): fake
 * upstreams, public values for every secret, and the routes that only make sense locally.
 */
export interface Sandbox {
  /** Public values under whatever the deployment set (each relay's own sandbox values come with it). */
  defaults: Partial<Env>
  /** Why the sandbox must not run with these bindings (a real upstream secret is set), if it must not. */
  refusal(env: Env): string | undefined
  /** The fake for each upstream, by name. */
  fetch: Record<string, UpstreamFetch>
  /** Credentials /docs fills in that no setting holds (a signed-in user's access token), by security scheme. */
  credentials(): Promise<Record<string, string>>
  /** The /docs page with these credentials filled in (src/meta/docs-html.ts). */
  docsPage(prefill: DocsPrefill): Promise<string>
  /** Routes outside the API and its specs. */
  routes: Hono<AppEnv>
}
