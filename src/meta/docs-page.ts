import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../platform/app-env.js'
import type { Env } from '../platform/env.js'
import type { RelayModule } from '../platform/relay-module.js'
import type { DocsPrefill, Sandbox } from '../platform/sandbox.js'
import { readAsset } from '../platform/static-asset.js'

/** Where scripts/docs-assets.ts puts the rendered page among the static assets. */
export const DOCS_PAGE_ASSET = 'docs/page.html'

/** Each security scheme's sandbox credential, in the form Scalar takes for its kind (an API key's value, a bearer token). */
async function sandboxPrefill(relays: readonly RelayModule[], sandbox: Sandbox, env: Env): Promise<DocsPrefill> {
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
 * The Scalar API reference at /docs (src/meta/docs-html.ts): rendered at build time and read from
 * the static assets, so its renderer is not in the deployed bundle; in the sandbox, rendered by
 * the sandbox with every credential filled in.
 */
export const docsPage =
  (relays: readonly RelayModule[], sandbox: Sandbox | undefined, sandboxOn: (env: Env) => boolean, envOf: (env: Env) => Env): MiddlewareHandler<AppEnv> =>
  async (c) => {
    if (sandbox && sandboxOn(c.env)) return c.html(await sandbox.docsPage(await sandboxPrefill(relays, sandbox, envOf(c.env))))
    return c.html(await (await readAsset(c.env.ASSETS, DOCS_PAGE_ASSET)).text())
  }
