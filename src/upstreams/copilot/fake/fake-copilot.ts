import { isRecord, type JsonObject } from '../json.js'
import { FAKE_COPILOT_MODELS, type FakeCopilotModel } from './catalogue.js'
import { answerChat } from './fake-chat.js'
import { answerEmbeddings } from './fake-embeddings.js'
import { answerMessages } from './fake-messages.js'
import { answerResponses } from './fake-responses.js'
import { presentedCredential, type RecordedRequest, recordRequest } from './recorder.js'

export const FAKE_COPILOT_REPLY = 'Hello from the fake Copilot: no prompt left this machine.'

/** An answer the fake gives instead of its own, once. */
export interface ForcedAnswer {
  status: number
  headers?: Record<string, string>
  /** JSON, or a string sent as plain text (Copilot answers some errors so). */
  body: unknown
}

/**
 * A failure forced on the next request: an answer, a lost connection, no answer until the
 * request is aborted, or a stream that breaks off after its first events.
 */
export type ForcedFailure = ForcedAnswer | 'network-error' | 'hang' | 'break-mid-stream'

export interface FakeCopilotOptions {
  /** Whether Copilot accepts a Copilot token (the fake GitHub's `copilotTokenOwner`). */
  acceptsToken: (token: string) => boolean
  models?: readonly FakeCopilotModel[]
  reply?: string
  /** Between streamed events, as a model writing takes time. */
  chunkDelayMs?: number
}

/** How many events a `break-mid-stream` stream sends before the connection drops. */
const EVENTS_BEFORE_BREAK = 2

const copilotError = (status: number, message: string, code: string, param: string | null = null) =>
  Response.json({ error: { message, code, param, type: 'invalid_request_error' } }, { status })

const forced = ({ status, headers = {}, body }: ForcedAnswer) =>
  typeof body === 'string' ? new Response(body, { status, headers: { 'content-type': 'text/plain', ...headers } }) : Response.json(body, { status, headers })

const hang = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }))

const TAKES_ONLY_MAX_COMPLETION_TOKENS = /^(?:o\d+|gpt-5)(?:$|[-.])/i

const API_NAMES: Record<string, string> = { '/chat/completions': 'Chat Completions', '/responses': 'Responses', '/v1/messages': 'Messages' }

/**
 * In-memory Copilot API: `GET /models`, chat completions and responses (JSON or SSE),
 * embeddings, answered with the `openai` package's types, and its own Messages endpoint for its
 * Claude models, answered with `@anthropic-ai/sdk`'s. Refuses what Copilot refuses (an
 * unknown or disabled model, a model on an API it is not served on, `max_tokens` for the models
 * that take only `max_completion_tokens`) and records every request.
 */
export function createFakeCopilot({ acceptsToken, models = FAKE_COPILOT_MODELS, reply = FAKE_COPILOT_REPLY, chunkDelayMs = 0 }: FakeCopilotOptions) {
  const received: RecordedRequest[] = []
  const forcedFailures: ForcedFailure[] = []
  let cancelledStreams = 0
  const pacing = (breaks: boolean) => ({ delayMs: chunkDelayMs, breakAfter: breaks ? EVENTS_BEFORE_BREAK : undefined, onCancel: () => (cancelledStreams += 1) })

  const usableModel = (id: unknown) => models.find((model) => model.id === id && (model.policy === undefined || model.policy.state === 'enabled'))

  function conversation(path: '/chat/completions' | '/responses' | '/v1/messages', body: JsonObject, breaks: boolean): Response {
    const model = usableModel(body.model)
    if (model?.capabilities.type !== 'chat') return copilotError(400, 'The requested model is not supported.', 'model_not_supported', 'model')
    if (!model.supported_endpoints?.includes(path)) return copilotError(400, `model ${model.id} does not support ${API_NAMES[path]} API.`, 'unsupported_api_for_model')
    if (path === '/v1/messages' && Array.isArray(body.tools) && body.tools.some((tool) => isRecord(tool) && 'eager_input_streaming' in tool)) {
      return copilotError(400, 'tools.0.eager_input_streaming: Extra inputs are not permitted', 'invalid_request_body')
    }
    if (path === '/v1/messages') return answerMessages(body, model.id, reply, pacing(breaks))
    if (path === '/responses') return answerResponses(body, model.id, reply, pacing(breaks))
    if (body.max_tokens !== undefined && TAKES_ONLY_MAX_COMPLETION_TOKENS.test(model.id)) {
      return copilotError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'unsupported_parameter', 'max_tokens')
    }
    return answerChat(body, model.id, reply, pacing(breaks))
  }

  function embeddings(body: JsonObject): Response {
    const model = usableModel(body.model)
    if (model?.capabilities.type !== 'embeddings') return copilotError(400, 'The requested model is not supported.', 'model_not_supported', 'model')
    const inputs = typeof body.input === 'string' ? [body.input] : body.input
    if (!Array.isArray(inputs) || !inputs.every((input) => typeof input === 'string'))
      return copilotError(400, 'input must be a string or a list of strings.', 'invalid_input', 'input')
    return answerEmbeddings(inputs, model.id)
  }

  async function answer(request: Request): Promise<Response> {
    const recorded = await recordRequest(request)
    received.push(recorded)
    const token = presentedCredential(request)
    if (!token || !acceptsToken(token)) return new Response('unauthorized: token expired', { status: 401, headers: { 'content-type': 'text/plain' } })
    const next = forcedFailures.shift()
    if (next === 'network-error') throw new TypeError('Network connection lost.')
    if (next === 'hang') return hang(request)
    if (next !== undefined && next !== 'break-mid-stream') return forced(next)
    const body = isRecord(recorded.body) ? recorded.body : {}
    if (request.method === 'GET' && recorded.path === '/models') return Response.json({ object: 'list', data: models })
    if (request.method === 'POST' && (recorded.path === '/chat/completions' || recorded.path === '/responses' || recorded.path === '/v1/messages'))
      return conversation(recorded.path, body, next === 'break-mid-stream')
    if (request.method === 'POST' && recorded.path === '/embeddings') return embeddings(body)
    return copilotError(404, 'Not Found', 'not_found')
  }

  return {
    fetch: answer,
    received: received as ReadonlyArray<RecordedRequest>,
    /** The next request with an accepted token fails so instead. */
    failNext: (failure: ForcedFailure) => forcedFailures.push(failure),
    /** How many of its streams a reader cancelled before their end. */
    get cancelledStreams() {
      return cancelledStreams
    },
  }
}

export type FakeCopilot = ReturnType<typeof createFakeCopilot>
