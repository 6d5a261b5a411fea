import { relayRoutes } from '../../../generated/relay-routes.js'
import { MAX_TOKENS_CAPPED_HEADER } from '../../dialects/openai/max-tokens-capped.js'
import { openaiErrorEnvelope } from '../../dialects/openai/error-envelope.js'
import { defineRelay } from '../../platform/relay-module.js'
import { gatewayRateLimit, readGatewayRelaySettings } from './settings.js'

/** Chat completions for signed-in users of a Kinde (or any OIDC) application who hold an entitlement. */
export const gatewayRelay = defineRelay({
  name: 'gateway',
  contract: () => import('./contract.js').then((module) => module.gatewayContract),
  routeTable: relayRoutes.gateway,
  settings: readGatewayRelaySettings,
  sandbox: { OPENAI_MODELS: 'gpt-4o-mini,gpt-4o', GATEWAY_ENTITLEMENT: 'ai_preprocessing' },
  rateLimits: { gateway: gatewayRateLimit },
  cors: { exposeHeaders: [MAX_TOKENS_CAPPED_HEADER] },
  rootRoute: '/gateway/openai/chat',
  errorEnvelopes: [{ path: '/gateway/openai/v1/*', envelope: openaiErrorEnvelope }],
  routes: () => import('./routes.js').then((module) => module.gatewayRoutes),
})
