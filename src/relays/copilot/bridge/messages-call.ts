import type { Message } from '@anthropic-ai/sdk/resources/messages'
import type { Context } from 'hono'
import type { ChatCompletion, ChatCompletionCreateParams } from 'openai/resources/chat/completions'
import type { Response as OpenAIResponse, ResponseCreateParams, ResponseStreamEvent } from 'openai/resources/responses/responses'
import { type ChatStreamInput, ChatCompletionsStreamTranslator } from '../../../dialects/anthropic/chat-stream.js'
import { messageFromChatCompletion } from '../../../dialects/anthropic/from-chat-completion.js'
import { messageFromResponse } from '../../../dialects/anthropic/from-response.js'
import type { AnswerOptions } from '../../../dialects/anthropic/message.js'
import { withPings } from '../../../dialects/anthropic/pings.js'
import type { MessagesRequest, NativeMessagesRequest, TargetModel } from '../../../dialects/anthropic/request-content.js'
import { ResponsesStreamTranslator } from '../../../dialects/anthropic/responses-stream.js'
import { toChatCompletionsRequest } from '../../../dialects/anthropic/to-chat-completions.js'
import { toResponsesRequest } from '../../../dialects/anthropic/to-responses.js'
import type { StreamTranslator } from '../../../dialects/anthropic/types.js'
import { UnreadableUpstreamAnswer, UntranslatableRequest } from '../../../dialects/anthropic/untranslatable.js'
import { RelayError } from '../../../platform/relay-error.js'
import { copilotHeaders } from '../../../upstreams/copilot/headers.js'
import { adaptMessagesRequest } from '../../../upstreams/copilot/request-adaptation.js'
import { holdsImage, initiatorOf } from '../../../upstreams/copilot/request-traits.js'
import type { KeyedEnv } from '../copilot-env.js'
import { copilotFetch, readJson, refuseUnlessOk } from './copilot-call.js'
import type { MessagesTarget } from './messages-target.js'
import { usageOfMessage } from './messages-usage.js'
import { nativeEvents } from './native-stream.js'
import { translatedEvents } from './translated-stream.js'
import { logCopilotUsage, type UsageLine } from './usage-line.js'

/** Anthropic's keep-alive interval: clients and proxies give up on longer silences. */
const PING_INTERVAL_MS = 15_000

/** The Anthropic version Copilot's Messages endpoint is sent when the caller names none. */
const DEFAULT_ANTHROPIC_VERSION = '2023-06-01'

const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform' }

/** The body of each Copilot API a Messages request can be sent to, in the official SDKs' types. */
interface CopilotBodies {
  '/v1/messages': NativeMessagesRequest
  '/chat/completions': ChatCompletionCreateParams
  '/responses': ResponseCreateParams
}

/**
 * The initiator and vision headers are read from the caller's Anthropic request on every path,
 * since a translation changes the conversation's shape but not whose turn it is.
 */
function copilotCall<Path extends keyof CopilotBodies>(
  c: Context<KeyedEnv>,
  request: MessagesRequest,
  path: Path,
  body: CopilotBodies[Path],
  extraHeaders: Record<string, string> = {},
) {
  return copilotFetch(c, (token, baseUrl) => {
    const headers = copilotHeaders({ copilotToken: token.token, initiator: initiatorOf('messages', request), vision: holdsImage('messages', request) })
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value)
    return new Request(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  })
}

/** Copilot's own Messages endpoint: the request as it came, minus what that endpoint refuses, and its answer as it is. */
async function native(c: Context<KeyedEnv>, request: MessagesRequest, model: TargetModel, line: UsageLine): Promise<Response> {
  const beta = c.req.header('anthropic-beta')
  const headers = { 'anthropic-version': c.req.header('anthropic-version') ?? DEFAULT_ANTHROPIC_VERSION, ...(beta && { 'anthropic-beta': beta }) }
  const response = await copilotCall(c, request, '/v1/messages', adaptMessagesRequest({ ...request, model: model.id }), headers)
  await refuseUnlessOk(c, response, model.id)
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream') && response.body)
    return c.body(nativeEvents(response.body, line, c.req.raw.signal), 200, SSE_HEADERS)
  const { text, answer } = await readJson(response)
  logCopilotUsage(line, usageOfMessage(answer))
  return c.body(text, 200, { 'Content-Type': 'application/json' })
}

/** One of Copilot's OpenAI APIs as a way to answer Messages requests: the request translated there, the answer and its events translated back. */
interface Translation<Path extends '/chat/completions' | '/responses', Answer, Event> {
  path: Path
  request: (request: MessagesRequest, model: TargetModel) => CopilotBodies[Path]
  message: (answer: Answer, options: AnswerOptions) => Message
  translator: (options: AnswerOptions) => StreamTranslator<Event>
}

const CHAT: Translation<'/chat/completions', ChatCompletion, ChatStreamInput> = {
  path: '/chat/completions',
  request: toChatCompletionsRequest,
  message: messageFromChatCompletion,
  translator: (options) => new ChatCompletionsStreamTranslator(options),
}

const RESPONSES: Translation<'/responses', OpenAIResponse, ResponseStreamEvent> = {
  path: '/responses',
  request: toResponsesRequest,
  message: messageFromResponse,
  translator: (options) => new ResponsesStreamTranslator(options),
}

function translatedBody<Body>(translate: (request: MessagesRequest, model: TargetModel) => Body, request: MessagesRequest, model: TargetModel): Body {
  try {
    return translate(request, model)
  } catch (error) {
    if (error instanceof UntranslatableRequest) throw new RelayError(400, 'untranslatable_request', error.message)
    throw error
  }
}

/** Chat Completions or the Responses API: the request translated there, the answer or its events translated back as they arrive. */
async function translated<Path extends '/chat/completions' | '/responses', Answer, Event>(
  c: Context<KeyedEnv>,
  request: MessagesRequest,
  translation: Translation<Path, Answer, Event>,
  model: TargetModel,
  line: UsageLine,
): Promise<Response> {
  const response = await copilotCall(c, request, translation.path, translatedBody(translation.request, request, model))
  await refuseUnlessOk(c, response, model.id)
  const options: AnswerOptions = { model: request.model, stopSequences: request.stop_sequences }
  if (request.stream && response.body) return c.body(withPings(translatedEvents(response.body, translation.translator(options), line), PING_INTERVAL_MS), 200, SSE_HEADERS)
  const { answer } = await readJson(response)
  let message: Message
  try {
    // Parsed JSON in the API's shape as Copilot documents it; the translators refuse what does not read as one.
    message = translation.message(answer as Answer, options)
  } catch (error) {
    if (error instanceof UnreadableUpstreamAnswer) throw new RelayError(502, 'copilot_unreadable', error.message)
    throw error
  }
  logCopilotUsage(line, usageOfMessage(message))
  return c.json(message, 200)
}

/** Answers a Messages request with the target model, on the path chosen for it. */
export function answerMessages(c: Context<KeyedEnv>, request: MessagesRequest, { model, path }: MessagesTarget): Promise<Response> {
  const line: UsageLine = { requestId: c.var.requestId, caller: c.var.caller, model: model.id }
  c.header('Cache-Control', 'no-store, no-transform')
  if (path === 'native') return native(c, request, model, line)
  return path === 'chat' ? translated(c, request, CHAT, model, line) : translated(c, request, RESPONSES, model, line)
}
