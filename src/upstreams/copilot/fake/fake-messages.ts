import type { ContentBlock, Message, RawMessageStreamEvent, Usage } from '@anthropic-ai/sdk/resources/messages'
import { isRecord, type JsonObject } from '../json.js'
import { countWords, type FakeToolCall, words } from './fake-tool-call.js'
import { exampleOf, splitInto } from './schema-example.js'
import { type SseOptions, sseResponse } from './sse.js'

const ID = 'msg_fake1'
const ARGUMENT_PIECES = 3

/** The call the fake makes when offered Anthropic tools (`{name, input_schema}`): to the first one, with input that fits its schema. */
function firstAnthropicToolCall(tools: unknown): FakeToolCall | undefined {
  if (!Array.isArray(tools)) return undefined
  const tool = tools.find((candidate) => isRecord(candidate) && typeof candidate.name === 'string' && isRecord(candidate.input_schema))
  if (!isRecord(tool)) return undefined
  const args = JSON.stringify(exampleOf(tool.input_schema))
  return { callId: 'toolu_fake1', name: String(tool.name), arguments: args, argumentPieces: splitInto(args, ARGUMENT_PIECES) }
}

function usage(input: number, output: number): Usage {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  }
}

/** Copilot's own Messages endpoint, for its Claude models: the reply, and when tools are offered a call to the first one after it. */
export function answerMessages(body: JsonObject, model: string, reply: string, pacing: Omit<SseOptions, 'done'> = {}): Response {
  const call = firstAnthropicToolCall(body.tools)
  const text = call ? `Calling ${call.name}.` : reply
  const tokens = usage(countWords(body.messages), countWords(text) + (call ? 1 : 0))
  const content: ContentBlock[] = [{ type: 'text', text, citations: null }]
  if (call) content.push({ type: 'tool_use', id: call.callId, name: call.name, input: JSON.parse(call.arguments), caller: { type: 'direct' } })
  const message: Message = {
    id: ID,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: call ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: tokens,
  }
  return body.stream === true ? messagesStream(message, text, call, pacing) : Response.json(message)
}

function messagesStream(message: Message, text: string, call: FakeToolCall | undefined, pacing: Omit<SseOptions, 'done'>): Response {
  const event = (data: RawMessageStreamEvent) => ({ event: data.type, data })
  const events = [
    event({ type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 0 } } }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } }),
    ...words(text).map((word) => event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: word } })),
    event({ type: 'content_block_stop', index: 0 }),
  ]
  if (call) {
    events.push(
      event({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: call.callId, name: call.name, input: {}, caller: { type: 'direct' } } }),
      ...call.argumentPieces.map((piece) => event({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: piece } })),
      event({ type: 'content_block_stop', index: 1 }),
    )
  }
  events.push(
    event({
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null, stop_details: null, container: null },
      usage: {
        input_tokens: message.usage.input_tokens,
        output_tokens: message.usage.output_tokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens_details: null,
        server_tool_use: null,
      },
    }),
    event({ type: 'message_stop' }),
  )
  return sseResponse(events, { ...pacing, done: false })
}
