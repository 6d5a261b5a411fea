import { createRoute, z } from '@hono/zod-openapi'
import { chatErrorResponses } from './chat-errors.js'
import { chatCompletionResponse, ChatCompletionRequest, chatRequestExample } from './chat-completion.js'
import { jsonBody, jsonResponse } from './json.js'

// Seed 000's OpenAI relay: chat completions for servers and tools that hold OPENAI_RELAY_SECRET,
// with the model, token and temperature policy decided on the server.

export const OPENAI_RELAY_SECRET_HEADER_SCHEME = 'openaiRelaySecret'
export const OPENAI_RELAY_BEARER_SCHEME = 'openaiRelayBearer'
const security: Record<string, string[]>[] = [{ [OPENAI_RELAY_SECRET_HEADER_SCHEME]: [] }, { [OPENAI_RELAY_BEARER_SCHEME]: [] }]
const tags = ['OpenAI']

const chatRoute = <P extends string, O extends string>(path: P, operationId: O, summary: string, description: string) =>
  createRoute({
    method: 'post',
    path,
    operationId,
    tags,
    security,
    summary,
    description,
    request: { body: jsonBody(ChatCompletionRequest, chatRequestExample) },
    responses: {
      200: chatCompletionResponse,
      ...chatErrorResponses([400, 401, 403, 413, 415, 422, 429, 502, 503, 504], {
        401: 'The relay secret is missing or wrong. Send `X-Relay-Secret: <OPENAI_RELAY_SECRET>` or `Authorization: Bearer <OPENAI_RELAY_SECRET>`.',
      }),
    },
  })

const policy =
  'relaykit picks the model from OPENAI_MODELS (the first when none is named), caps max_tokens at OPENAI_MAX_TOKENS and sends OPENAI_TEMPERATURE only when no temperature is given.'

export const relayOpenAIChat = chatRoute('/relay/openai/chat', 'relayOpenAIChat', 'Chat completion through the OpenAI relay', `Sends the chat to OpenAI with the deployment's key and answers OpenAI's answer, streamed when \`stream\` is true. ${policy}`)

export const relayOpenAIChatCompletions = chatRoute(
  '/relay/openai/v1/chat/completions',
  'relayOpenAIChatCompletions',
  'The same, at the path OpenAI SDKs call',
  `The same as /relay/openai/chat, for OpenAI SDKs and tools given \`baseURL: <relaykit>/relay/openai/v1\` and OPENAI_RELAY_SECRET as their API key. ${policy}`,
)

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
  description: "Seed 000's health check. 200 with the relay's model and token policy when it is ready; 503 naming what is missing when not. No credentials; never secret values.",
  responses: {
    200: jsonResponse('The relay is ready.', RelayPolicy),
    ...chatErrorResponses([403, 503]),
  },
})

export const openaiRoutes = [relayOpenAIChat, relayOpenAIChatCompletions, getRelayHealth] as const
