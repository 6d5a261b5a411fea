import { Scalar } from '@scalar/hono-api-reference'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../platform/app-env.js'
import type { Env } from '../platform/env.js'
import type { RelayModule } from '../platform/relay-module.js'
import type { Sandbox } from '../platform/sandbox.js'

/** Where the Worker's static assets serve Scalar's script (copied from npm by scripts/vendor-scalar.mjs). */
export const SCALAR_SCRIPT_PATH = '/docs/scalar.js'

type Prefill = Record<string, { token: string } | { value: string }>

/** Each security scheme's sandbox credential, in the form Scalar takes for its kind (an API key's value, a bearer token). */
async function sandboxPrefill(relays: readonly RelayModule[], sandbox: Sandbox, env: Env): Promise<Prefill> {
  const credentials: Record<string, string> = {}
  for (const relay of relays) {
    for (const [scheme, setting] of Object.entries(relay.credentials ?? {})) credentials[scheme] = env[setting] ?? ''
  }
  Object.assign(credentials, await sandbox.credentials())
  // The sandbox only: loading the contracts costs this isolate their schemas.
  const contracts = await Promise.all(relays.map((relay) => relay.contract()))
  const schemes = Object.assign({}, ...contracts.map((contract) => contract.securitySchemes)) as Record<string, { type?: unknown }>
  return Object.fromEntries(Object.entries(credentials).map(([scheme, credential]) => [scheme, schemes[scheme]?.type === 'apiKey' ? { value: credential } : { token: credential }]))
}

/**
 * The Scalar API reference at /docs. Its script comes from this Worker, not a CDN, so the page
 * works offline and behind strict networks. In the sandbox every credential is filled in.
 */
export const docsPage = (relays: readonly RelayModule[], sandbox: Sandbox | undefined, sandboxOn: (env: Env) => boolean, envOf: (env: Env) => Env): MiddlewareHandler<AppEnv> => {
  let prefill: Prefill | undefined
  let title = 'relaykit API'
  const page = Scalar<AppEnv>(() => ({
    url: '/openapi.json',
    cdn: SCALAR_SCRIPT_PATH,
    pageTitle: title,
    hideClientButton: true,
    // Nothing on the page may reach a third party: no web fonts, no hosted AI or MCP helpers.
    withDefaultFonts: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    ...(prefill ? { authentication: { securitySchemes: prefill } } : {}),
  }))
  return async (c, next) => {
    const on = sandbox !== undefined && sandboxOn(c.env)
    prefill = on ? await sandboxPrefill(relays, sandbox, envOf(c.env)) : undefined
    title = on ? 'relaykit API (sandbox)' : 'relaykit API'
    return page(c, next)
  }
}
