import { relayRoutes } from '../../../generated/relay-routes.js'
import { MAX_TOKENS_CAPPED_HEADER } from '../../dialects/openai/max-tokens-capped.js'
import { openaiErrorEnvelope } from '../../dialects/openai/error-envelope.js'
import { defineRelay } from '../../platform/relay-module.js'
import { RELAY_SECRET_HEADER } from './relay-secret.js'
import { OPENAI_RELAY_BEARER_SCHEME, OPENAI_RELAY_SECRET_HEADER_SCHEME } from './schemes.js'
import { openaiRateLimit, readOpenAIRelaySettings } from './settings.js'

/** Chat completions for servers and tools that hold OPENAI_RELAY_SECRET, under the deployment's model and token policy. */
export const openaiRelay = defineRelay({
  name: 'openai',
  contract: () => import('./contract.js').then((module) => module.openaiContract),
  routeTable: relayRoutes.openai,
  settings: readOpenAIRelaySettings,
  sandbox: { OPENAI_RELAY_SECRET: 'sandbox-openai-relay-secret', OPENAI_MODELS: 'gpt-4o-mini,gpt-4o' },
  credentials: { [OPENAI_RELAY_SECRET_HEADER_SCHEME]: 'OPENAI_RELAY_SECRET', [OPENAI_RELAY_BEARER_SCHEME]: 'OPENAI_RELAY_SECRET' },
  rateLimits: { openai: openaiRateLimit },
  cors: { allowHeaders: [RELAY_SECRET_HEADER], exposeHeaders: [MAX_TOKENS_CAPPED_HEADER] },
  // Where OpenAI's SDKs call, their errors are in OpenAI's shape, so the SDKs show relaykit's reason.
  errorEnvelopes: [{ path: '/relay/openai/v1/*', envelope: openaiErrorEnvelope }],
  routes: () => import('./routes.js').then((module) => module.openaiRoutes),
})
