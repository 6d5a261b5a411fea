import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { ResponsesStreamTranslator } from './responses-stream.js'

const response = (extra: Partial<Response>) => ({ id: 'resp_1', status: 'completed', output: [], incomplete_details: null, error: null, ...extra }) as unknown as Response

function run(events: unknown[]) {
  const translator = new ResponsesStreamTranslator({ model: 'claude-sonnet-4-5' })
  return events.flatMap((event) => translator.push(event as ResponseStreamEvent))
}

describe('ResponsesStreamTranslator', () => {
  it('stops with max_tokens when the output ran out', () => {
    const events = run([
      { type: 'response.created', response: response({ status: 'in_progress' }) },
      { type: 'response.output_text.delta', output_index: 0, content_index: 0, item_id: 'm', delta: 'Par' },
      { type: 'response.incomplete', response: response({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }) },
    ])
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'max_tokens' } })
  })

  it('shows a refusal as text and stops with refusal', () => {
    const events = run([
      { type: 'response.created', response: response({ status: 'in_progress' }) },
      { type: 'response.refusal.delta', output_index: 0, content_index: 0, item_id: 'm', delta: 'I cannot help with that.' },
      { type: 'response.completed', response: response({}) },
    ])
    expect(events[2]).toMatchObject({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'I cannot help with that.' } })
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'refusal' } })
  })

  it('fails on response.failed with its reason', () => {
    const events = run([
      { type: 'response.created', response: response({ status: 'in_progress' }) },
      { type: 'response.failed', response: response({ status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' } }) },
    ])
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'Copilot failed mid-answer: Slow down' } })
  })

  it('takes arguments sent only whole, at their end', () => {
    const events = run([
      { type: 'response.created', response: response({ status: 'in_progress' }) },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'function_call', call_id: 'call_1', name: 'Glob', arguments: '' } },
      { type: 'response.function_call_arguments.done', output_index: 0, item_id: 'fc', arguments: '{"pattern":"*"}' },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'function_call', call_id: 'call_1', name: 'Glob', arguments: '{"pattern":"*"}' } },
      { type: 'response.completed', response: response({}) },
    ])
    expect(events.filter((event) => event.type === 'content_block_delta')).toEqual([
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"pattern":"*"}' } },
    ])
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'tool_use' } })
  })

  it('writes no thinking block for reasoning with neither summary nor encrypted content', () => {
    const events = run([
      { type: 'response.created', response: response({ status: 'in_progress' }) },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } },
      { type: 'response.completed', response: response({}) },
    ])
    expect(events.map((event) => event.type)).toEqual(['message_start', 'message_delta', 'message_stop'])
  })
})
