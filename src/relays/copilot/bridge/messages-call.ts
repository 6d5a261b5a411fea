import type { Message, MessageDeltaUsage } from '@anthropic-ai/sdk/resources/messages'
import type { Context } from 'hono'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import type { Response as OpenAIResponse } from 'openai/resources/responses/responses'
import { ChatCompletionsStreamTranslator } from '../../../dialects/anthropic/chat-stream.js'
import { encodeEvent, anthropicEventStream } from '../../../dialects/anthropic/sse-stream.js'
import { messageFromChatCompletion } from '../../../dialects/anthropic/from-chat-completion.js'
import { messageFromResponse } from '../../../dialects/anthropic/from-response.js'
import type { AnswerOptions } from '../../../dialects/anthropic/message.js'
import { withPings } from '../../../dialects/anthropic/pings.js'
import type { MessagesRequest } from '../../../dialects/anthropic/request-content.js'
import { ResponsesStreamTranslator } from '../../../dialects/anthropic/responses-stream.js'
import { toChatCompletionsRequest } from '../../../dialects/anthropic/to-chat-completions.js'
import { toResponsesRequest } from '../../../dialects/anthropic/to-responses.js'
import type { AnthropicStreamEvent, StreamTranslator } from '../../../dialects/anthropic/types.js'
import { UnreadableUpstreamAnswer, UntranslatableRequest } from '../../../dialects/anthropic/untranslatable.js'
import { relayEvents } from '../../../dialects/openai/event-relay.js'
import type { TokenUsage } from '../../../dialects/openai/usage-log.js'
import { log } from '../../../platform/log.js'
import { RelayError } from '../../../platform/relay-error.js'
import { copilotHeaders } from '../../../upstreams/copilot/headers.js'
import type { JsonObject } from '../../../upstreams/copilot/json.js'
import { adaptMessagesRequest } from '../../../upstreams/copilot/request-adaptation.js'
import { holdsImage, initiatorOf } from '../../../upstreams/copilot/request-traits.js'
import type { KeyedEnv } from '../copilot-env.js'
import { relayErrorOf } from '../problems.js'
import { copilotFetch, readJson, refuseUnlessOk } from './copilot-call.js'
import type { MessagesTarget } from './messages-target.js'
import { messagesStreamUsage, usageOfDelta, usageOfMessage } from './messages-usage.js'
import { logCopilotUsage, type UsageLine } from './usage-line.js'

/** Anthropic's keep-alive interval: clients and proxies give up on longer silences. */
const PING_INTERVAL_MS = 15_000

/** The Anthropic version Copilot's Messages endpoint is sent when the caller names none. */
const DEFAULT_ANTHROPIC_VERSION = '2023-06-01'

const OPENAI_PATHS = { chat: '/chat/completions', responses: '/responses' } as const

const encoder = new TextEncoder()
const BROKEN_EVENT = encoder.encode(
  encodeEvent({ type: 'error', error: { type: 'api_error', message: "Copilot's stream broke off before the answer was complete. Try again." } } as AnthropicStreamEvent),
)

const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform' }

/**
 * The initiator and vision headers are read from the caller's Anthropic request on every path,
 * since a translation changes the conversation's shape but not whose turn it is.
 */
function copilotCall(c: Context<KeyedEnv>, request: MessagesRequest, path: string, body: unknown, extraHeaders?: Record<string, string>) {
  const conversation = request as unknown as Record<string, unknown>
  return copilotFetch(c, (token, baseUrl) => {
    const headers = copilotHeaders({ copilotToken: token.token, initiator: initiatorOf('messages', conversation), vision: holdsImage('messages', conversation) })
    for (const [name, value] of Object.entries(extraHeaders ?? {})) headers.set(name, value)
    return new Request(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  })
}

/** Copilot's own Messages endpoint: the request as it came, minus what that endpoint refuses, and its answer as it is. */
async function native(c: Context<KeyedEnv>, request: MessagesRequest, target: MessagesTarget, line: UsageLine): Promise<Response> {
  const adapted = adaptMessagesRequest({ ...(request as unknown as JsonObject), model: target.model.id })
  if (!adapted.ok) throw relayErrorOf(adapted.problem)
  const beta = c.req.header('anthropic-beta')
  const headers = { 'anthropic-version': c.req.header('anthropic-version') ?? DEFAULT_ANTHROPIC_VERSION, ...(beta && { 'anthropic-beta': beta }) }
  const response = await copilotCall(c, request, '/v1/messages', adapted.body, headers)
  await refuseUnlessOk(c, response, target.model.id)
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream') && response.body) {
    let counted: TokenUsage | undefined
    const events = relayEvents(response.body, {
      keepUsage: true,
      usage: messagesStreamUsage,
      onUsage: (usage) => (counted = usage),
      onBroken: (reason) => log('error', 'copilot_stream_broken', { request_id: line.requestId, relay: 'copilot', reason }),
      onEnd: () => logCopilotUsage(line, counted),
      signal: c.req.raw.signal,
      brokenEvent: BROKEN_EVENT,
    })
    return c.body(events, 200, SSE_HEADERS)
  }
  const { text, answer } = await readJson(response)
  logCopilotUsage(line, usageOfMessage(answer))
  return c.body(text, 200, { 'Content-Type': 'application/json' })
}

/** Logs the usage line once the translation has ended, with the counts of its `message_delta`. */
function loggedOnEnd<U>(translator: StreamTranslator<U>, line: UsageLine): StreamTranslator<U> {
  let usage: MessageDeltaUsage | undefined
  let logged = false
  const seen = (events: AnthropicStreamEvent[]) => {
    for (const event of events) if (event.type === 'message_delta') usage = event.usage
    if (translator.done && !logged) {
      logged = true
      logCopilotUsage(line, usageOfDelta(usage))
    }
    return events
  }
  return {
    push: (upstream) => seen(translator.push(upstream)),
    end: () => seen(translator.end()),
    fail: (type, message) => seen(translator.fail(type, message)),
    get done() {
      return translator.done
    },
  }
}

/** Chat Completions or the Responses API: the request translated there, the answer or its events translated back as they arrive. */
async function translated(c: Context<KeyedEnv>, request: MessagesRequest, target: MessagesTarget & { path: 'chat' | 'responses' }, line: UsageLine): Promise<Response> {
  let body: unknown
  try {
    body = target.path === 'chat' ? toChatCompletionsRequest(request, target.model) : toResponsesRequest(request, target.model)
  } catch (error) {
    if (error instanceof UntranslatableRequest) throw new RelayError(400, 'untranslatable_request', error.message)
    throw error
  }
  const response = await copilotCall(c, request, OPENAI_PATHS[target.path], body)
  await refuseUnlessOk(c, response, target.model.id)
  const options: AnswerOptions = { model: request.model, stopSequences: request.stop_sequences }
  if (request.stream && response.body) {
    const translator = target.path === 'chat' ? new ChatCompletionsStreamTranslator(options) : new ResponsesStreamTranslator(options)
    const events = anthropicEventStream(response.body, loggedOnEnd<never>(translator as StreamTranslator<never>, line))
    return c.body(withPings(events, PING_INTERVAL_MS), 200, SSE_HEADERS)
  }
  const { answer } = await readJson(response)
  let message: Message
  try {
    message = target.path === 'chat' ? messageFromChatCompletion(answer as ChatCompletion, options) : messageFromResponse(answer as OpenAIResponse, options)
  } catch (error) {
    if (error instanceof UnreadableUpstreamAnswer) throw new RelayError(502, 'copilot_unreadable', error.message)
    throw error
  }
  logCopilotUsage(line, usageOfMessage(message))
  return c.json(message, 200)
}

/** Answers a Messages request with the target model, on the path chosen for it. */
export function answerMessages(c: Context<KeyedEnv>, request: MessagesRequest, target: MessagesTarget): Promise<Response> {
  const line: UsageLine = { requestId: c.var.requestId, caller: c.var.caller, model: target.model.id }
  c.header('Cache-Control', 'no-store, no-transform')
  if (target.path === 'native') return native(c, request, target, line)
  return translated(c, request, { ...target, path: target.path }, line)
}
