import type { Hono } from 'hono'
import type { AppEnv } from './app-env.js'
import type { Env } from './env.js'
import type { UpstreamFetch } from './relay-module.js'

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
  /** Routes outside the API and its specs. */
  routes: Hono<AppEnv>
}
