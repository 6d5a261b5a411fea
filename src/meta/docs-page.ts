import { Scalar } from '@scalar/hono-api-reference'
import type { MiddlewareHandler } from 'hono'
import { SANDBOX_ACTIONS_TOKEN, SANDBOX_AUDIT_TOKEN, SANDBOX_OPENAI_RELAY_SECRET, SANDBOX_RELAY_SECRET } from '../sandbox/defaults.js'
import type { AppEnv } from '../platform/app-env.js'
import { isSandbox } from '../platform/sandbox.js'
import { sandboxAccessToken } from '../sandbox/access-tokens.js'

/** Where the Worker's static assets serve Scalar's script (copied from npm by scripts/vendor-scalar.mjs). */
export const SCALAR_SCRIPT_PATH = '/docs/scalar.js'

/**
 * The Scalar API reference at /docs. Its script comes from this Worker, not a CDN, so the page
 * works offline and behind strict networks. In the sandbox the public tokens are filled in, and
 * an access token of the entitled sandbox user (alice) for the gateway.
 */
export const docsPage = (): MiddlewareHandler<AppEnv> => {
  let sandboxUserToken = ''
  const page = Scalar<AppEnv>((c) => {
    const sandbox = isSandbox(c.env)
    return {
      url: '/openapi.json',
      cdn: SCALAR_SCRIPT_PATH,
      pageTitle: sandbox ? 'relaykit API (sandbox)' : 'relaykit API',
      hideClientButton: true,
      // Nothing on the page may reach a third party: no web fonts, no hosted AI or MCP helpers.
      withDefaultFonts: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      ...(sandbox
        ? {
            authentication: {
              securitySchemes: {
                actionsToken: { token: SANDBOX_ACTIONS_TOKEN },
                relaySecret: { token: SANDBOX_RELAY_SECRET },
                auditToken: { token: SANDBOX_AUDIT_TOKEN },
                openaiRelaySecret: { value: SANDBOX_OPENAI_RELAY_SECRET },
                openaiRelayBearer: { token: SANDBOX_OPENAI_RELAY_SECRET },
                accessToken: { token: sandboxUserToken },
              },
            },
          }
        : {}),
    }
  })
  return async (c, next) => {
    if (isSandbox(c.env)) sandboxUserToken = await sandboxAccessToken('alice')
    return page(c, next)
  }
}
