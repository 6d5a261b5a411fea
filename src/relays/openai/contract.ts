import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { OPENAI_RELAY_BEARER_SCHEME, OPENAI_RELAY_SECRET_HEADER_SCHEME } from './schemes.js'
import { chatErrorResponses } from '../../dialects/openai/contract/chat-errors.js'
import { chatCompletionRoute } from '../../dialects/openai/contract/chat-completion.js'
import { jsonResponse } from '../../contracts/json.js'

// The OpenAI relay: chat completions for servers and tools that hold OPENAI_RELAY_SECRET,
// with the model, token and temperature policy decided on the server.

const security: Record<string, string[]>[] = [{ [OPENAI_RELAY_SECRET_HEADER_SCHEME]: [] }, { [OPENAI_RELAY_BEARER_SCHEME]: [] }]
const tags = ['OpenAI']

const policy =
  'relaykit picks the model from OPENAI_MODELS (the first when none is named), caps max_tokens at OPENAI_MAX_TOKENS and sends OPENAI_TEMPERATURE only when no temperature is given.'

const errorDescriptions = {
  401: 'The relay secret is missing or wrong. Send `X-Relay-Secret: <OPENAI_RELAY_SECRET>` or `Authorization: Bearer <OPENAI_RELAY_SECRET>`.',
}

export const relayOpenAIChat = chatCompletionRoute({
  path: '/relay/openai/chat',
  operationId: 'relayOpenAIChat',
  tags,
  security,
  summary: 'Chat completion through the OpenAI relay',
  description: `Sends the chat to OpenAI with the deployment's key and answers OpenAI's answer, streamed when \`stream\` is true. ${policy}`,
  errorDescriptions,
})

export const relayOpenAIChatCompletions = chatCompletionRoute({
  path: '/relay/openai/v1/chat/completions',
  operationId: 'relayOpenAIChatCompletions',
  openaiErrors: true,
  tags,
  security,
  summary: 'The same, at the path OpenAI SDKs call',
  description: `The same as /relay/openai/chat, for OpenAI SDKs and tools given \`baseURL: <relaykit>/relay/openai/v1\` and OPENAI_RELAY_SECRET as their API key. ${policy}`,
  errorDescriptions,
})

const RelayPolicy = z
  .object({
    status: z.literal('ok'),
    relay: z.literal('openai'),
    models: z.array(z.string()).openapi({ description: 'The models callers may name; the first is the default.' }),
    max_tokens: z.number().int().openapi({ description: 'The most completion tokens a request may ask for.' }),
    default_temperature: z.number(),
  })
  .openapi('OpenAIRelayHealth')

export const getRelayHealth = createRoute({
  method: 'get',
  path: '/relay/health',
  operationId: 'getRelayHealth',
  tags,
  security: [],
  summary: 'Whether the OpenAI relay is ready, and its policy',
  description:
    "A health check for the OpenAI relay alone. 200 with the relay's model and token policy when it is ready; 503 naming what is missing when not. No credentials; never secret values.",
  responses: {
    200: jsonResponse('The relay is ready.', RelayPolicy),
    ...chatErrorResponses([403, 503]),
  },
})

export const openaiContract = {
  tags,
  routes: [relayOpenAIChat, relayOpenAIChatCompletions, getRelayHealth],
  securitySchemes: {
    [OPENAI_RELAY_SECRET_HEADER_SCHEME]: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Relay-Secret',
      description: 'The OPENAI_RELAY_SECRET secret, for servers and tools calling the OpenAI relay. Never ship it in a browser bundle: browsers use the gateway relay.',
    },
    [OPENAI_RELAY_BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      description: 'The OPENAI_RELAY_SECRET secret as a bearer token, which is how OpenAI SDKs send their API key.',
    },
  },
}
