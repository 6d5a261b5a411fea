import type { ChatCompletionChunk } from 'openai/resources/chat/completions'
import { describe, expect, it } from 'vitest'
import { ChatCompletionsStreamTranslator } from './chat-stream.js'

function chunk(choices: ChatCompletionChunk['choices'], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1', choices, ...extra }
}

const types = (events: { type: string }[]) => events.map((event) => event.type)

describe('ChatCompletionsStreamTranslator', () => {
  it('starts with the estimate it was given, and ends with the usage Copilot reported', () => {
    const translator = new ChatCompletionsStreamTranslator({ model: 'claude-sonnet-4-5', inputTokens: 1234 })
    const [start] = translator.push(chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }]))
    expect(start).toMatchObject({ type: 'message_start', message: { id: 'chatcmpl-1', model: 'claude-sonnet-4-5', usage: { input_tokens: 1234, output_tokens: 0 } } })
    translator.push(chunk([], { usage: { prompt_tokens: 1300, completion_tokens: 2, total_tokens: 1302 } }))
    const end = translator.end()
    expect(end.at(-2)).toMatchObject({ type: 'message_delta', usage: { input_tokens: 1300, output_tokens: 2, cache_read_input_tokens: 0 } })
    expect(translator.done).toBe(true)
  })

  it('waits for the end of the stream to finish, so usage after the finish reason is kept', () => {
    const translator = new ChatCompletionsStreamTranslator({ model: 'm' })
    expect(types(translator.push(chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }])))).toEqual(['message_start', 'content_block_start', 'content_block_delta'])
    expect(translator.done).toBe(false)
  })

  it('reads every choice of a chunk: text in one, a tool call in another', () => {
    const translator = new ChatCompletionsStreamTranslator({ model: 'm' })
    const events = translator.push(
      chunk([
        { index: 0, delta: { content: 'Reading.' }, finish_reason: 'stop' },
        { index: 1, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'Read', arguments: '{}' } }] }, finish_reason: 'tool_calls' },
      ]),
    )
    expect(events.slice(1).map((event) => [event.type, 'index' in event ? event.index : undefined])).toEqual([
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
    ])
    expect(translator.end().at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'tool_use' } })
  })

  it('fails when the upstream ends without any finish reason, even after [DONE]', () => {
    const translator = new ChatCompletionsStreamTranslator({ model: 'm' })
    translator.push(chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]))
    expect(types(translator.end())).toEqual(['content_block_stop', 'error'])
  })

  it('stops with max_tokens when a choice ran out, even mid tool call', () => {
    const translator = new ChatCompletionsStreamTranslator({ model: 'm' })
    translator.push(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c', function: { name: 'Write', arguments: '{"a' } }] }, finish_reason: 'length' }]))
    expect(translator.end().at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'max_tokens' } })
  })

  it('fails at an upstream error, with its category', () => {
    const translator = new ChatCompletionsStreamTranslator({ model: 'm' })
    translator.push(chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]))
    expect(translator.push({ error: { message: 'busy', type: 'server_is_overloaded' } }).at(-1)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Copilot failed mid-answer: busy' },
    })
  })
})
