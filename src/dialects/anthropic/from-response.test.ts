import type { Response } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { messageFromResponse } from './from-response.js'

function response(output: Response['output'], extra: Partial<Response> = {}): Response {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1,
    model: 'gpt-5',
    status: 'completed',
    output,
    output_text: '',
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: null,
    parallel_tool_calls: true,
    temperature: null,
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    access_programs: null,
    ...extra,
  }
}

const options = { model: 'claude-sonnet-4-5' }
const text = (value: string): Response['output'][number] => ({
  type: 'message',
  id: 'msg_1',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text: value, annotations: [] }],
})

describe('messageFromResponse', () => {
  it('turns reasoning into thinking carrying the item in its signature, then text and calls', () => {
    const message = messageFromResponse(
      response(
        [
          {
            type: 'reasoning',
            id: 'rs_1',
            summary: [
              { type: 'summary_text', text: 'First.' },
              { type: 'summary_text', text: 'Second.' },
            ],
            encrypted_content: 'gAAAA',
          },
          text('Reading it.'),
          { type: 'function_call', call_id: 'call_1', name: 'Read', arguments: '{"file_path":"a"}' },
        ],
        {
          usage: {
            input_tokens: 50,
            output_tokens: 10,
            total_tokens: 60,
            input_tokens_details: { cached_tokens: 40, cache_write_tokens: 0 },
            output_tokens_details: { reasoning_tokens: 4 },
          },
        },
      ),
      options,
    )
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'First.\n\nSecond.', signature: 'gAAAA@rs_1' },
      { type: 'text', text: 'Reading it.', citations: null },
      { type: 'tool_use', id: 'call_1', name: 'Read', input: { file_path: 'a' }, caller: { type: 'direct' } },
    ])
    expect(message.stop_reason).toBe('tool_use')
    expect(message.usage).toMatchObject({ input_tokens: 10, cache_read_input_tokens: 40, output_tokens: 10 })
  })

  it('never shows reasoning as answer text, and drops reasoning with nothing to show or hand back', () => {
    const message = messageFromResponse(response([{ type: 'reasoning', id: 'rs_1', summary: [] }, text('Hi')]), options)
    expect(message.content).toEqual([{ type: 'text', text: 'Hi', citations: null }])
    expect(message.stop_reason).toBe('end_turn')
  })

  it('stops with max_tokens when the output ran out, refusal on a content filter or a refusal', () => {
    expect(messageFromResponse(response([text('Par')], { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }), options).stop_reason).toBe('max_tokens')
    expect(messageFromResponse(response([], { status: 'incomplete', incomplete_details: { reason: 'content_filter' } }), options).stop_reason).toBe('refusal')
    const refusal: Response['output'][number] = { type: 'message', id: 'm', role: 'assistant', status: 'completed', content: [{ type: 'refusal', refusal: 'I cannot help.' }] }
    const refused = messageFromResponse(response([refusal]), options)
    expect(refused.content).toEqual([{ type: 'text', text: 'I cannot help.', citations: null }])
    expect(refused.stop_reason).toBe('refusal')
  })

  it('applies stop sequences, which the Responses API lacks', () => {
    const message = messageFromResponse(response([text('Done. STOP more')]), { ...options, stopSequences: ['STOP'] })
    expect(message.content).toEqual([{ type: 'text', text: 'Done. ', citations: null }])
    expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'STOP' })
  })
})
