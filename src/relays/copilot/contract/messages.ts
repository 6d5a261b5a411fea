import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { errorResponses } from '../../../contracts/errors.js'
import { boundedDepth, DEPTH_BOUND, jsonBody, jsonResponse } from '../../../contracts/json.js'
import { RateLimitHeaders } from '../../../contracts/rate-limit-headers.js'
import { AnthropicErrorBody } from '../../../dialects/anthropic/contract/anthropic-error.js'
import { ACCOUNT_TYPE_HEADER, keySecurity } from './schemes.js'
import { UsernameParams } from './username.js'

// The Copilot bridge's Anthropic side: `https://<relaykit>/<username>` as an Anthropic base URL
// (Claude Code's ANTHROPIC_BASE_URL), a relaykit key as the API key. The request contracts hold
// the envelope only (the model, the conversation, the output limit, `stream`); every other field
// (system, tools, thinking, metadata, sampling) is carried to Copilot or dropped where it has no
// meaning there.

export const MESSAGES_TAG = 'Copilot bridge (Anthropic)'
const tags = [MESSAGES_TAG]

const Model = z.string().min(1).max(200).openapi({
  description: "A model the account has: Copilot's name (`claude-sonnet-4.5`) or Anthropic's, dated or not (`claude-sonnet-4-5-20250929`).",
  example: 'claude-sonnet-4-5-20250929',
})

const Message = z
  .object({ role: z.enum(['user', 'assistant']) })
  .loose()
  .openapi('CopilotAnthropicMessageParam', {
    description: 'An Anthropic message: its content (text, or blocks with images, tool use, tool results, thinking) is carried as it is.',
  })

const Messages = z.array(Message).min(1).max(10_000)

export const CopilotMessagesRequest = boundedDepth(
  z
    .object({
      model: Model,
      messages: Messages,
      max_tokens: z.number().int().min(1).max(1_000_000),
      stream: z.boolean().optional().openapi({ description: "Answer with Anthropic's server-sent events." }),
    })
    .loose(),
).openapi('CopilotMessagesRequest', { description: `Anthropic's Messages request. Fields not named here are carried to Copilot where it can carry them. ${DEPTH_BOUND}` })

export const CopilotCountTokensRequest = boundedDepth(z.object({ model: Model, messages: Messages }).loose()).openapi('CopilotCountTokensRequest', {
  description: `Anthropic's count_tokens request: what a Messages request would send, \`system\` and \`tools\` included. ${DEPTH_BOUND}`,
})

const MessageAnswer = z
  .object({
    id: z.string(),
    type: z.literal('message'),
    role: z.literal('assistant'),
    model: z.string(),
    content: z.array(z.object({ type: z.string() }).loose()),
    stop_reason: z.string().nullable(),
    usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }).loose(),
  })
  .loose()
  .openapi('CopilotAnthropicMessage')

const TokenCount = z
  .object({ input_tokens: z.number().int().openapi({ description: 'An estimate of the input tokens, counted with the o200k_base tokenizer.', example: 12 }) })
  .openapi('CopilotTokenCount')

const Events = z.string().openapi({
  description:
    "Anthropic's server-sent events: `message_start`, each block's `content_block_start`, `content_block_delta` and `content_block_stop`, `message_delta` and `message_stop`, with `ping` on long silences. A failure mid-stream ends it with an `error` event.",
  example:
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":0}}}\n\n',
})

const MessagesHeaders = z.object({
  'anthropic-version': z.string().max(100).optional().openapi({ description: "Anthropic's API version, forwarded to Copilot's own Messages endpoint.", example: '2023-06-01' }),
  'anthropic-beta': z
    .string()
    .max(2_000)
    .optional()
    .openapi({ description: "Anthropic's beta features, forwarded to Copilot's own Messages endpoint.", example: 'claude-code-20250219' }),
  [ACCOUNT_TYPE_HEADER]: z.string().max(63).optional().openapi({ description: "The Copilot plan's API host, `api.<value>.githubcopilot.com` (as on the OpenAI side)." }),
})

const BetaQuery = z.object({
  beta: z.string().max(10).optional().openapi({ description: "Claude Code and the SDKs' beta client add `?beta=true`; it changes nothing.", example: 'true' }),
})

const descriptions = {
  400: 'The body is not JSON, it holds what the model cannot be sent (a PDF, a hosted Anthropic tool), or Copilot refused the request for a reason it named.',
  401: "The key is not one of this account's (missing, mistyped or revoked), or GitHub no longer accepts the account's sign-in: sign in again at /copilot.",
  403: "The Origin is not allowed, the model is not in COPILOT_MODELS, the account's GitHub user is not in COPILOT_GITHUB_USERS, or GitHub gives the account no Copilot access.",
  404: 'The account has no such model: the message names the models it has.',
  413: 'The request body is larger than COPILOT_MAX_BODY_BYTES.',
  415: 'The body was not sent as `Content-Type: application/json`.',
  422: 'The envelope breaks a rule (model, messages, max_tokens, stream).',
  429: "Too many requests: this account is over relaykit's limit (RATE_LIMIT_COPILOT), or Copilot or GitHub is rate limiting it. Wait `retry-after` seconds.",
  502: "Copilot or GitHub could not be reached, failed, or answered what cannot be put in Anthropic's shape.",
  503: 'The bridge is off or not configured (the message names what is missing), or its account store cannot be reached.',
  504: 'Copilot or GitHub did not begin answering within COPILOT_TIMEOUT_MS.',
} as const

const errors = <const S extends keyof typeof descriptions>(statuses: readonly S[]) => errorResponses(statuses, descriptions, AnthropicErrorBody)

const howToCall = 'Call it with an Anthropic SDK or Claude Code: base URL `https://<relaykit>/<username>`, API key `<relaykit key>` (as `x-api-key` or `Authorization: Bearer`).'

export const copilotMessages = createRoute({
  method: 'post',
  path: '/{username}/v1/messages',
  operationId: 'copilotMessages',
  tags,
  security: keySecurity,
  summary: "Anthropic's Messages API on the account's Copilot",
  description: `Answers an Anthropic Messages request with one of the account's Copilot models: a Claude model Copilot serves on its own Messages endpoint gets the request as it is (minus what that endpoint refuses), any other model a translation to Chat Completions, or to the Responses API for models served only there. Streamed when \`stream\` is true. ${howToCall}`,
  request: {
    params: UsernameParams,
    query: BetaQuery,
    headers: MessagesHeaders,
    body: jsonBody(CopilotMessagesRequest, { model: 'claude-sonnet-4-5-20250929', max_tokens: 1024, messages: [{ role: 'user', content: 'Say hello in five words.' }] }),
  },
  responses: {
    200: {
      description: 'An Anthropic message, or (with `stream: true`) its server-sent events.',
      headers: RateLimitHeaders,
      content: { 'application/json': { schema: MessageAnswer }, 'text/event-stream': { schema: Events } },
    },
    ...errors([400, 401, 403, 404, 413, 415, 422, 429, 502, 503, 504]),
  },
})

export const copilotCountTokens = createRoute({
  method: 'post',
  path: '/{username}/v1/messages/count_tokens',
  operationId: 'copilotCountTokens',
  tags,
  security: keySecurity,
  summary: "An estimate of a Messages request's input tokens",
  description: `Counts the input tokens of a Messages request without calling Copilot: an estimate with the o200k_base tokenizer (that of Copilot's GPT models; a Claude model counts somewhat differently). The system prompt, each message's text, tool calls and tool results, and each tool's definition as JSON are counted, with a few tokens of framing per message; each image counts 1,600 tokens (the most one image costs); earlier thinking and PDF documents count nothing. ${howToCall}`,
  request: {
    params: UsernameParams,
    query: BetaQuery,
    headers: MessagesHeaders,
    body: jsonBody(CopilotCountTokensRequest, { model: 'claude-sonnet-4-5-20250929', messages: [{ role: 'user', content: 'Say hello in five words.' }] }),
  },
  responses: { 200: jsonResponse('The estimate.', TokenCount, RateLimitHeaders), ...errors([400, 401, 403, 413, 415, 422, 429, 503]) },
})

export const messagesRoutes = [copilotMessages, copilotCountTokens] as const
