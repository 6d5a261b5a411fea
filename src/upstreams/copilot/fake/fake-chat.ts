import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { CompletionUsage } from 'openai/resources/completions'
import type { JsonObject } from '../json.js'
import { countWords, type FakeToolCall, firstToolCall, words } from './fake-tool-call.js'
import { type SseOptions, sseResponse } from './sse.js'

const ID = 'chatcmpl-fake1'
const CREATED = 1_767_225_600

/** Chat completions: the reply as one choice, and when tools are offered a call to the first one as a second choice, as Copilot sometimes splits them. */
export function answerChat(body: JsonObject, model: string, reply: string, pacing: Omit<SseOptions, 'done'> = {}): Response {
  const call = firstToolCall(body.tools, 'call_fake1')
  const text = call ? `Calling ${call.name}.` : reply
  const usage: CompletionUsage = {
    prompt_tokens: countWords(body.messages),
    completion_tokens: countWords(text) + (call ? 1 : 0),
    total_tokens: countWords(body.messages) + countWords(text) + (call ? 1 : 0),
  }
  return body.stream === true ? chatStream(model, text, call, usage, pacing) : Response.json(chatCompletion(model, text, call, usage))
}

function chatCompletion(model: string, text: string, call: FakeToolCall | undefined, usage: CompletionUsage): ChatCompletion {
  const choices: ChatCompletion['choices'] = [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }]
  if (call) {
    choices.push({
      index: 1,
      message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: call.callId, type: 'function', function: { name: call.name, arguments: call.arguments } }] },
      finish_reason: 'tool_calls',
      logprobs: null,
    })
  }
  return { id: ID, object: 'chat.completion', created: CREATED, model, choices, usage }
}

function chatStream(model: string, text: string, call: FakeToolCall | undefined, usage: CompletionUsage, pacing: Omit<SseOptions, 'done'>): Response {
  const chunk = (choices: ChatCompletionChunk['choices'], extra: Partial<ChatCompletionChunk> = {}): { data: ChatCompletionChunk } => ({
    data: { id: ID, object: 'chat.completion.chunk', created: CREATED, model, choices, ...extra },
  })
  const events = [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...words(text).map((word) => chunk([{ index: 0, delta: { content: word }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
  ]
  if (call) {
    events.push(
      chunk([
        {
          index: 1,
          delta: { role: 'assistant', tool_calls: [{ index: 0, id: call.callId, type: 'function', function: { name: call.name, arguments: '' } }] },
          finish_reason: null,
        },
      ]),
      ...call.argumentPieces.map((piece) => chunk([{ index: 1, delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] }, finish_reason: null }])),
      chunk([{ index: 1, delta: {}, finish_reason: 'tool_calls' }]),
    )
  }
  events.push(chunk([], { usage }))
  return sseResponse(events, { ...pacing, done: true })
}
