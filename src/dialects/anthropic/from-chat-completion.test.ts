import type { ChatCompletion } from 'openai/resources/chat/completions'
import { describe, expect, it } from 'vitest'
import { messageFromChatCompletion } from './from-chat-completion.js'
import { UnreadableUpstreamAnswer } from './untranslatable.js'

function completion(choices: ChatCompletion['choices'], usage?: ChatCompletion['usage']): ChatCompletion {
  return { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4.1', choices, ...(usage && { usage }) }
}

function choice(index: number, message: Partial<ChatCompletion.Choice['message']>, finish_reason: ChatCompletion.Choice['finish_reason']): ChatCompletion.Choice {
  return { index, finish_reason, logprobs: null, message: { role: 'assistant', content: null, refusal: null, ...message } }
}

const options = { model: 'claude-sonnet-4-5' }
const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 } }

describe('messageFromChatCompletion', () => {
  it('answers text with end_turn and usage, cached input apart', () => {
    expect(messageFromChatCompletion(completion([choice(0, { content: 'Hello!' }, 'stop')], usage), options)).toEqual({
      id: 'chatcmpl-1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Hello!', citations: null }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: 20,
        output_tokens: 30,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 0,
        cache_creation: null,
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: null,
        speed: null,
      },
    })
  })

  it('reads text and tool calls from every choice, and stops for tool use', () => {
    const message = messageFromChatCompletion(
      completion([
        choice(0, { content: 'Let me look.' }, 'stop'),
        choice(
          1,
          {
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'Read', arguments: '{"file_path":"a.ts"}' } },
              { id: 'call_2', type: 'function', function: { name: 'Glob', arguments: '' } },
            ],
          },
          'tool_calls',
        ),
      ]),
      options,
    )
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me look.', citations: null },
      { type: 'tool_use', id: 'call_1', name: 'Read', input: { file_path: 'a.ts' }, caller: { type: 'direct' } },
      { type: 'tool_use', id: 'call_2', name: 'Glob', input: {}, caller: { type: 'direct' } },
    ])
    expect(message.stop_reason).toBe('tool_use')
  })

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['stop', 'end_turn'],
  ] as const)('maps finish_reason %s to %s', (finish, stop) => {
    expect(messageFromChatCompletion(completion([choice(0, { content: 'x' }, finish)]), options).stop_reason).toBe(stop)
  })

  it('applies stop sequences: cuts the text, drops what follows, names the sequence', () => {
    const message = messageFromChatCompletion(
      completion([
        choice(0, { content: 'Answer: 42</answer> trailing' }, 'stop'),
        choice(1, { tool_calls: [{ id: 'c', type: 'function', function: { name: 'Read', arguments: '{}' } }] }, 'tool_calls'),
      ]),
      { ...options, stopSequences: ['</answer>'] },
    )
    expect(message.content).toEqual([{ type: 'text', text: 'Answer: 42', citations: null }])
    expect(message.stop_reason).toBe('stop_sequence')
    expect(message.stop_sequence).toBe('</answer>')
  })

  it('refuses a tool call whose arguments are not JSON rather than invent an input', () => {
    const broken = completion([choice(0, { tool_calls: [{ id: 'c', type: 'function', function: { name: 'Read', arguments: '{"file' } }] }, 'tool_calls')])
    expect(() => messageFromChatCompletion(broken, options)).toThrow(UnreadableUpstreamAnswer)
  })
})
