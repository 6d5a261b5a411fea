import { MAX_TOKENS_CAPPED_HEADER } from '../../dialects/openai/contract/chat-completion.js'
import { openaiErrorEnvelope } from '../../dialects/openai/error-envelope.js'
import { defineRelay } from '../../platform/relay-module.js'
import { gatewayChat, gatewayContract } from './contract.js'
import { gatewayRoutes } from './routes.js'
import { gatewayRateLimit, readGatewayRelaySettings } from './settings.js'

/** Chat completions for signed-in users of a Kinde (or any OIDC) application who hold an entitlement. */
export const gatewayRelay = defineRelay({
  name: 'gateway',
  contract: gatewayContract,
  settings: readGatewayRelaySettings,
  sandbox: { OPENAI_MODELS: 'gpt-4o-mini,gpt-4o', GATEWAY_ENTITLEMENT: 'ai_preprocessing' },
  rateLimits: { gateway: gatewayRateLimit },
  cors: { exposeHeaders: [MAX_TOKENS_CAPPED_HEADER] },
  rootRoute: gatewayChat.path,
  errorEnvelopes: [{ path: '/gateway/openai/v1/*', envelope: openaiErrorEnvelope }],
  routes: gatewayRoutes,
})
