import type { Response as OpenAIResponse, ResponseFunctionToolCall, ResponseOutputMessage, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses'
import type { JsonObject } from '../json.js'
import { countWords, type FakeToolCall, firstToolCall, words } from './fake-tool-call.js'
import { type SseOptions, sseResponse } from './sse.js'

const ID = 'resp_fake1'
const MESSAGE_ID = 'msg_fake1'
const CALL_ITEM_ID = 'fc_fake1'
const CREATED = 1_767_225_600

const message = (text: string, status: ResponseOutputMessage['status']): ResponseOutputMessage => ({
  id: MESSAGE_ID,
  type: 'message',
  role: 'assistant',
  status,
  content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
})

const functionCall = (call: FakeToolCall, args: string, status: ResponseFunctionToolCall['status']): ResponseFunctionToolCall => ({
  id: CALL_ITEM_ID,
  type: 'function_call',
  call_id: call.callId,
  name: call.name,
  arguments: args,
  status,
})

function responseObject(model: string, status: 'in_progress' | 'completed', output: OpenAIResponse['output'], outputText: string, usage?: ResponseUsage): OpenAIResponse {
  return {
    id: ID,
    object: 'response',
    created_at: CREATED,
    status,
    model,
    output,
    output_text: outputText,
    access_programs: null,
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: null,
    parallel_tool_calls: true,
    temperature: null,
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    ...(usage ? { usage } : {}),
  }
}

/** Responses: a message with the reply, and when function tools are offered a call to the first one as a second output item. */
export function answerResponses(body: JsonObject, model: string, reply: string, pacing: Omit<SseOptions, 'done'> = {}): Response {
  const call = firstToolCall(body.tools, 'call_fake1')
  const text = call ? `Calling ${call.name}.` : reply
  const inputTokens = countWords(body.input) + countWords(body.instructions)
  const outputTokens = countWords(text) + (call ? 1 : 0)
  const usage: ResponseUsage = {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  }
  const output: OpenAIResponse['output'] = [message(text, 'completed'), ...(call ? [functionCall(call, call.arguments, 'completed')] : [])]
  const completed = responseObject(model, 'completed', output, text, usage)
  return body.stream === true ? responsesStream(model, text, call, completed, pacing) : Response.json(completed)
}

type UnsequencedEvent = ResponseStreamEvent extends infer Event ? (Event extends ResponseStreamEvent ? Omit<Event, 'sequence_number'> : never) : never

function responsesStream(model: string, text: string, call: FakeToolCall | undefined, completed: OpenAIResponse, pacing: Omit<SseOptions, 'done'>): Response {
  const started = responseObject(model, 'in_progress', [], '')
  const events: UnsequencedEvent[] = [
    { type: 'response.created', response: started },
    { type: 'response.in_progress', response: started },
    { type: 'response.output_item.added', output_index: 0, item: { ...message('', 'in_progress'), content: [] } },
    { type: 'response.content_part.added', output_index: 0, content_index: 0, item_id: MESSAGE_ID, part: { type: 'output_text', text: '', annotations: [] } },
    ...words(text).map((delta): UnsequencedEvent => ({ type: 'response.output_text.delta', output_index: 0, content_index: 0, item_id: MESSAGE_ID, delta, logprobs: [] })),
    { type: 'response.output_text.done', output_index: 0, content_index: 0, item_id: MESSAGE_ID, text, logprobs: [] },
    { type: 'response.content_part.done', output_index: 0, content_index: 0, item_id: MESSAGE_ID, part: { type: 'output_text', text, annotations: [] } },
    { type: 'response.output_item.done', output_index: 0, item: message(text, 'completed') },
  ]
  if (call) {
    events.push(
      { type: 'response.output_item.added', output_index: 1, item: functionCall(call, '', 'in_progress') },
      ...call.argumentPieces.map((delta): UnsequencedEvent => ({ type: 'response.function_call_arguments.delta', output_index: 1, item_id: CALL_ITEM_ID, delta })),
      { type: 'response.function_call_arguments.done', output_index: 1, item_id: CALL_ITEM_ID, arguments: call.arguments },
      { type: 'response.output_item.done', output_index: 1, item: functionCall(call, call.arguments, 'completed') },
    )
  }
  events.push({ type: 'response.completed', response: completed })
  return sseResponse(
    events.map((event, index) => ({ event: event.type, data: { ...event, sequence_number: index } })),
    { ...pacing, done: false },
  )
}
