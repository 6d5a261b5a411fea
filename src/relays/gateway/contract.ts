import { ACCESS_TOKEN_SCHEME, accessTokenScheme } from '../../contracts/access-token.js'
import { chatCompletionRoute } from '../../dialects/openai/contract/chat-completion.js'

// The gateway: chat completions for signed-in users of a Kinde (or any OIDC) application
// who hold an entitlement. The access token is verified and the entitlement checked before
// OpenAI is called, so a refused caller costs nothing.

const security = [{ [ACCESS_TOKEN_SCHEME]: [] }]
const tags = ['Gateway']

const errorDescriptions = {
  401: 'The access token is missing, malformed, expired, not yet valid, signed with another key or algorithm, or issued for another issuer or audience (the message says which).',
  403: 'The Origin is not allowed, the model is not in OPENAI_MODELS, or the user lacks the entitlement GATEWAY_ENTITLEMENT.',
} as const

const flow =
  "relaykit verifies the access token against the issuer's published keys, checks the user's entitlement with Kinde's Account API (cached briefly per user), and only then calls OpenAI, with the same model and token policy as the OpenAI relay."

export const gatewayChat = chatCompletionRoute({
  path: '/gateway/openai/chat',
  operationId: 'gatewayChat',
  tags,
  security,
  summary: 'Chat completion for an entitled signed-in user',
  description: flow,
  errorDescriptions,
})

export const gatewayChatCompletions = chatCompletionRoute({
  path: '/gateway/openai/v1/chat/completions',
  operationId: 'gatewayChatCompletions',
  openaiErrors: true,
  tags,
  security,
  summary: 'The same, at the path OpenAI SDKs call',
  description: `The same as /gateway/openai/chat, for OpenAI SDKs given \`baseURL: <relaykit>/gateway/openai/v1\` and the user's access token as their API key. ${flow}`,
  errorDescriptions,
})

export const gatewayContract = { tags, routes: [gatewayChat, gatewayChatCompletions], securitySchemes: accessTokenScheme }
