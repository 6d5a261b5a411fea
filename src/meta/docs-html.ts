import { Scalar } from '@scalar/hono-api-reference'
import { Hono } from 'hono'
import type { DocsPrefill } from '../platform/sandbox.js'

/** Where the Worker's static assets serve Scalar's script (scripts/docs-assets.ts copies it from npm). */
export const SCALAR_SCRIPT_PATH = '/docs/scalar.js'

/**
 * The /docs page: Scalar's API reference of /openapi.json, its script from this Worker, not a CDN,
 * so the page works offline and behind strict networks. The deployed Worker serves it as
 * scripts/docs-assets.ts renders it at build time; the sandbox renders it per request, with every
 * credential filled in.
 */
export async function docsHtml({ title, prefill }: { title: string; prefill?: DocsPrefill }): Promise<string> {
  const page = Scalar({
    url: '/openapi.json',
    cdn: SCALAR_SCRIPT_PATH,
    pageTitle: title,
    hideClientButton: true,
    // Nothing on the page may reach a third party: no web fonts, no hosted AI or MCP helpers.
    withDefaultFonts: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    ...(prefill ? { authentication: { securitySchemes: prefill } } : {}),
  })
  return (await new Hono().get('/', page).request('/')).text()
}
