import { OpenAPIHono } from '@hono/zod-openapi'
import { gatewayChat, gatewayChatCompletions } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import type { IdentityFetch } from '../../platform/auth/access-token-verifier.js'
import { requireAccessToken } from '../../platform/auth/require-access-token.js'
import { accessTokenVerifiers, identityFetchFor } from '../../upstreams/identity/verifiers.js'
import { relayChatCompletion } from '../../dialects/openai/chat-completions.js'
import { applyChatPolicy } from '../../dialects/openai/chat-policy.js'
import { openaiFetchFor, type OpenAIFetch } from '../../upstreams/openai/fetch.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { relayGate } from '../../platform/relay-gate.js'
import { validationHook } from '../../platform/validation-hook.js'
import { requireEntitlement } from './require-entitlement.js'
import { gatewayRelayState, type GatewaySettings } from './settings.js'

/**
 * The gateway relay: chat completions for signed-in, entitled users. Token, rate limit and
 * entitlement are all checked before OpenAI is called (seed 004 called OpenAI first).
 */
export function gatewayRelay(openaiNetworkFetch: OpenAIFetch, identityNetworkFetch: IdentityFetch) {
  const app = new OpenAPIHono<RelayEnv<GatewaySettings>>({ defaultHook: validationHook })
  const openaiFetch = openaiFetchFor(openaiNetworkFetch)
  const verifier = accessTokenVerifiers(identityNetworkFetch)
  const entitlementCheck = requireEntitlement(identityFetchFor(identityNetworkFetch))

  for (const route of [gatewayChat, gatewayChatCompletions]) {
    app.use(
      route.path,
      relayGate('gateway', gatewayRelayState),
      requireAccessToken<GatewaySettings>((settings) => verifier(settings.oidc)),
      rateLimit('gateway', { whenUnavailable: 'refuse' }),
      entitlementCheck,
    )
    app.openapi(route, (c) => {
      const { upstream, policy } = c.var.settings
      return relayChatCompletion(c, { upstream, fetch: openaiFetch(upstream), chat: applyChatPolicy(c.req.valid('json'), policy) })
    })
  }

  return app
}
