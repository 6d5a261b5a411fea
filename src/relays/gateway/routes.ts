import type { RelayDependencies } from '../../platform/relay-module.js'
import { IDENTITY_UPSTREAM } from '../../upstreams/identity/settings.js'
import { OPENAI_UPSTREAM } from '../../upstreams/openai/settings.js'
import { OpenAPIHono } from '@hono/zod-openapi'
import { gatewayChat, gatewayChatCompletions } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { requireAccessToken } from '../../platform/auth/require-access-token.js'
import { accessTokenVerifiers } from '../../upstreams/identity/verifiers.js'
import { relayChatCompletion } from '../../dialects/openai/chat-completions.js'
import { applyChatPolicy } from '../../dialects/openai/chat-policy.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { validationHook } from '../../platform/validation-hook.js'
import { requireEntitlement } from './require-entitlement.js'
import { type GatewayRelaySettings, gatewayRateLimit } from './settings.js'

/**
 * The gateway relay's routes: chat completions for signed-in, entitled users. Token, rate limit
 * and entitlement are all checked before OpenAI is called, so a refused caller costs nothing.
 */
export function gatewayRoutes({ fetch }: RelayDependencies) {
  const app = new OpenAPIHono<RelayEnv<GatewayRelaySettings>>({ defaultHook: validationHook })
  const openai = fetch(OPENAI_UPSTREAM)
  const identity = fetch(IDENTITY_UPSTREAM)
  const verifier = accessTokenVerifiers(identity)
  const entitlementCheck = requireEntitlement(identity)

  for (const route of [gatewayChat, gatewayChatCompletions]) {
    app.use(
      route.path,
      requireAccessToken<GatewayRelaySettings>((settings) => verifier(settings.oidc)),
      rateLimit(gatewayRateLimit, { whenUnavailable: 'refuse' }),
      entitlementCheck,
    )
    app.openapi(route, (c) => {
      const { upstream, policy } = c.var.settings
      return relayChatCompletion(c, { upstream, fetch: openai, chat: applyChatPolicy(c.req.valid('json'), policy) })
    })
  }

  return app
}
