import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { errorResponses } from '../../../contracts/errors.js'
import { boundedDepth, DEPTH_BOUND, jsonBody, jsonResponse } from '../../../contracts/json.js'
import { RateLimitHeaders } from '../../../contracts/rate-limit-headers.js'
import { ChatCompletion } from '../../../dialects/openai/contract/chat-completion.js'
import { OpenAIErrorBody } from '../../../dialects/openai/contract/openai-error.js'
import { ACCOUNT_TYPE_HEADER, keySecurity } from './schemes.js'
import { UsernameParams } from './username.js'

// The Copilot bridge's OpenAI side: `https://<relaykit>/<username>/v1` as an OpenAI base URL,
// a relaykit key as the API key. The request contracts hold the envelope only (the model, the
// conversation, `stream`, sizes); every other field (tools, tool choice, images, reasoning,
// response formats) passes to Copilot untouched. Answers are Copilot's own, passed through.

export const BRIDGE_TAG = 'Copilot bridge'
const tags = [BRIDGE_TAG]

const Model = z.string().min(1).max(200).openapi({ description: 'A model `GET /v1/models` lists for this account.', example: 'gpt-4.1' })
const Stream = z.boolean().nullable().optional().openapi({ description: 'Answer with server-sent events, passed through byte for byte as Copilot sends them.' })

const ChatMessage = z
  .object({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']) })
  .loose()
  .openapi('CopilotChatMessage', { description: 'An OpenAI chat message: its content (text, or parts with images), tool calls and tool results pass as they are.' })

export const CopilotChatRequest = boundedDepth(z.object({ model: Model, messages: z.array(ChatMessage).min(1).max(10_000), stream: Stream }).loose()).openapi(
  'CopilotChatRequest',
  { description: `OpenAI's chat completions request. Fields not named here pass to Copilot untouched. ${DEPTH_BOUND}` },
)

const ResponsesTool = z.object({ type: z.string().min(1).max(100) }).loose()

export const CopilotResponsesRequest = boundedDepth(
  z
    .object({
      model: Model,
      input: z
        .union([z.string().max(10_000_000), z.array(z.object({}).loose()).max(10_000)])
        .openapi({ description: 'The whole conversation: Copilot keeps no responses to continue.' }),
      stream: Stream,
      tools: z
        .array(ResponsesTool)
        .max(1_000)
        .optional()
        .openapi({ description: 'Function, custom, namespace and web search tools pass to Copilot; tools that need OpenAI-hosted state are refused by name.' }),
    })
    .loose(),
).openapi('CopilotResponsesRequest', { description: `OpenAI's Responses request. Fields not named here pass to Copilot untouched. ${DEPTH_BOUND}` })

export const CopilotEmbeddingsRequest = boundedDepth(
  z
    .object({
      model: Model.openapi({ example: 'text-embedding-3-small', description: 'An embeddings model; a `github_copilot/` prefix is dropped.' }),
      input: z.union([
        z.string().max(1_000_000),
        z.array(z.string().max(1_000_000)).min(1).max(2_048),
        z.array(z.number().int()).min(1),
        z.array(z.array(z.number().int())).min(1).max(2_048),
      ]),
    })
    .loose(),
).openapi('CopilotEmbeddingsRequest', { description: `OpenAI's embeddings request; a string \`input\` becomes a one-item list. ${DEPTH_BOUND}` })

const ResponseObject = z
  .object({ id: z.string(), object: z.literal('response'), status: z.string().optional(), model: z.string().optional(), output: z.array(z.object({}).loose()) })
  .loose()
  .openapi('CopilotResponse')

const Embeddings = z
  .object({
    object: z.literal('list'),
    model: z.string(),
    data: z.array(z.object({ object: z.literal('embedding'), index: z.number().int(), embedding: z.union([z.array(z.number()), z.string()]) }).loose()),
  })
  .loose()
  .openapi('CopilotEmbeddings')

const BridgeModel = z
  .object({
    id: z.string(),
    object: z.literal('model'),
    created: z.number().int(),
    owned_by: z.string(),
    free: z.boolean().openapi({ description: 'Whether calls to it spend no premium requests.' }),
    display_name: z.string().optional(),
    preview: z.boolean().optional(),
    supported_endpoints: z
      .array(z.string())
      .optional()
      .openapi({ description: "Which of Copilot's APIs serve it: `/chat/completions`, `/responses`, `/v1/messages`, `/embeddings`." }),
    capabilities: z.object({}).loose().optional(),
  })
  .loose()
  .openapi('CopilotModel')

const ModelList = z.object({ object: z.literal('list'), data: z.array(BridgeModel) }).openapi('CopilotModelList')

const QuotaBucket = z
  .object({
    used: z.number().nullable().openapi({ description: 'Null when unlimited.' }),
    remaining: z.number(),
    entitlement: z.number(),
    unlimited: z.boolean(),
  })
  .nullable()
  .openapi('CopilotQuotaBucket')

export const CopilotUsage = z
  .object({
    plan: z.string().nullable().openapi({ description: "The account's Copilot plan, as GitHub names it.", example: 'individual' }),
    reset_date: z.string().nullable().openapi({ description: 'When the monthly allowances start again.', example: '2026-02-01' }),
    premium: QuotaBucket.openapi({ description: 'Premium requests: what paid models spend.' }),
    chat: QuotaBucket,
    completions: QuotaBucket,
  })
  .openapi('CopilotUsage')

const AccountTypeHeader = z.object({
  [ACCOUNT_TYPE_HEADER]: z.string().max(63).optional().openapi({
    description: "The Copilot plan's API host, `api.<value>.githubcopilot.com`, for accounts whose Copilot token does not name one (a single DNS label, e.g. `business`).",
  }),
})

const Events = z.string().openapi({
  description:
    'Server-sent events exactly as Copilot sends them (tool-call deltas, several choices and usage-only chunks included). If Copilot fails mid-stream, a last event `data: {"error": {...}}` ends the stream.',
  example:
    'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4.1","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}\n\ndata: [DONE]\n\n',
})

const answer = (description: string, schema: z.ZodType) => ({
  description,
  headers: RateLimitHeaders,
  content: { 'application/json': { schema }, 'text/event-stream': { schema: Events } },
})

const descriptions = {
  400: 'The body is not JSON, or Copilot refused the request for a reason it named (a model not enabled for this account or not served on this endpoint, a parameter or tool it does not take): `error.message` quotes it.',
  401: "The key is not one of this account's (missing, mistyped or revoked), or GitHub no longer accepts the account's sign-in: sign in again at /copilot.",
  403: "The Origin is not allowed, the model is not in COPILOT_MODELS, the account's GitHub user is not in COPILOT_GITHUB_USERS, or GitHub gives the account no Copilot access.",
  413: 'The request body is larger than COPILOT_MAX_BODY_BYTES.',
  415: 'The body was not sent as `Content-Type: application/json`.',
  422: 'The envelope breaks a rule (`error.param` names the field).',
  429: "Too many requests: this account is over relaykit's limit (RATE_LIMIT_COPILOT), or Copilot or GitHub is rate limiting it. Wait `Retry-After` seconds.",
  502: 'Copilot or GitHub could not be reached, or failed.',
  503: 'The bridge is off or not configured (the message names what is missing), or its account store cannot be reached.',
  504: 'Copilot or GitHub did not begin answering within COPILOT_TIMEOUT_MS.',
} as const

const errors = <const S extends keyof typeof descriptions>(statuses: readonly S[]) => errorResponses(statuses, descriptions, OpenAIErrorBody)

const CONVERSATION_ERRORS = [400, 401, 403, 413, 415, 422, 429, 502, 503, 504] as const
const READ_ERRORS = [401, 403, 429, 502, 503, 504] as const

const howToCall = 'Call it with an OpenAI SDK: `baseURL: https://<relaykit>/<username>/v1`, `apiKey: <relaykit key>`.'

export const copilotChatCompletions = createRoute({
  method: 'post',
  path: '/{username}/v1/chat/completions',
  operationId: 'copilotChatCompletions',
  tags,
  security: keySecurity,
  summary: "Chat completions on the account's Copilot",
  description: `Sends the chat to GitHub Copilot as this account and answers Copilot's answer, streamed when \`stream\` is true. A follow-up turn (the last message the assistant's or a tool's) is sent as the agent's, which Copilot does not bill as a new premium request. ${howToCall}`,
  request: {
    params: UsernameParams,
    headers: AccountTypeHeader,
    body: jsonBody(CopilotChatRequest, { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Say hello in five words.' }] }),
  },
  responses: { 200: answer("Copilot's chat.completion, or (with `stream: true`) its server-sent events.", ChatCompletion), ...errors(CONVERSATION_ERRORS) },
})

export const copilotResponses = createRoute({
  method: 'post',
  path: '/{username}/v1/responses',
  operationId: 'copilotResponses',
  tags,
  security: keySecurity,
  summary: "The Responses API on the account's Copilot",
  description: `OpenAI's Responses API, as Codex and other coding agents call it (\`wire_api = "responses"\`), answered by Copilot. Copilot keeps no responses: send \`store: false\` and the whole conversation. ${howToCall}`,
  request: {
    params: UsernameParams,
    headers: AccountTypeHeader,
    body: jsonBody(CopilotResponsesRequest, { model: 'gpt-5-mini', input: 'Say hello in five words.' }),
  },
  responses: { 200: answer("Copilot's response object, or (with `stream: true`) its server-sent events.", ResponseObject), ...errors(CONVERSATION_ERRORS) },
})

export const copilotEmbeddings = createRoute({
  method: 'post',
  path: '/{username}/v1/embeddings',
  operationId: 'copilotEmbeddings',
  tags,
  security: keySecurity,
  summary: "Embeddings on the account's Copilot",
  description: `Embeds the input with one of Copilot's embeddings models. ${howToCall}`,
  request: { params: UsernameParams, headers: AccountTypeHeader, body: jsonBody(CopilotEmbeddingsRequest, { model: 'text-embedding-3-small', input: 'hello world' }) },
  responses: { 200: jsonResponse("Copilot's embeddings.", Embeddings, RateLimitHeaders), ...errors(CONVERSATION_ERRORS) },
})

export const copilotModels = createRoute({
  method: 'get',
  path: '/{username}/v1/models',
  operationId: 'listCopilotModels',
  tags,
  security: keySecurity,
  summary: 'The models this account can use',
  description: `Copilot's models this account has enabled, in OpenAI's list shape, free models first, each with \`free\` and the APIs that serve it (kept for at most an hour). Only those in COPILOT_MODELS when it is set. ${howToCall}`,
  request: { params: UsernameParams, headers: AccountTypeHeader },
  responses: { 200: jsonResponse('The models, free ones first.', ModelList, RateLimitHeaders), ...errors(READ_ERRORS) },
})

export const copilotUsage = createRoute({
  method: 'get',
  path: '/{username}/v1/usage',
  operationId: 'getCopilotUsage',
  tags,
  security: keySecurity,
  summary: "The account's Copilot quota",
  description: 'Premium requests used and left, the chat and completions allowances, the reset date and the plan, as GitHub reports them now.',
  request: { params: UsernameParams },
  responses: { 200: jsonResponse("The account's quota.", CopilotUsage, RateLimitHeaders), ...errors(READ_ERRORS) },
})

export const bridgeRoutes = [copilotChatCompletions, copilotResponses, copilotEmbeddings, copilotModels, copilotUsage] as const
