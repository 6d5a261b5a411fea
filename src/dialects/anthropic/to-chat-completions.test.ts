import { describe, expect, it } from 'vitest'
import { claudeCodeRequest } from './fixtures/claude-code-request.js'
import type { MessagesRequest } from './request-content.js'
import { toChatCompletionsRequest } from './to-chat-completions.js'
import { UntranslatableRequest } from './untranslatable.js'

const gpt = { id: 'gpt-4.1', reasoning: false }
const reasoner = { id: 'gpt-5', reasoning: true }
const base = { model: 'claude-sonnet-4-5', max_tokens: 1024 } as const

function translate(request: Partial<MessagesRequest>, model = gpt) {
  return toChatCompletionsRequest({ ...base, messages: [], ...request }, model)
}

describe('toChatCompletionsRequest', () => {
  it('carries Claude Code’s request, dropping what has no meaning for a GPT model', () => {
    expect(toChatCompletionsRequest(claudeCodeRequest, reasoner)).toEqual({
      model: 'gpt-5',
      messages: [
        {
          role: 'system',
          content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks.",
        },
        { role: 'user', content: 'Say hello' },
      ],
      max_completion_tokens: 32000,
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'high',
      tools: [
        {
          type: 'function',
          function: {
            name: 'Bash',
            description: 'Executes a given bash command.',
            parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
          },
        },
        {
          type: 'function',
          function: {
            name: 'Read',
            description: 'Reads a file from the local filesystem.',
            parameters: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] },
          },
        },
      ],
    })
  })

  it('takes a string system prompt, sampling parameters and a short user id', () => {
    const out = translate({ system: 'Be brief.', temperature: 0.2, top_p: 0.9, top_k: 5, metadata: { user_id: 'user-42' }, messages: [{ role: 'user', content: 'Hi' }] })
    expect(out).toEqual({
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 1024,
      temperature: 0.2,
      top_p: 0.9,
      user: 'user-42',
    })
  })

  it('leaves out for a reasoning model what it refuses: sampling parameters, max_tokens', () => {
    const out = translate({ temperature: 0.2, top_p: 0.9, messages: [{ role: 'user', content: 'Hi' }] }, reasoner)
    expect(out).not.toHaveProperty('temperature')
    expect(out).not.toHaveProperty('top_p')
    expect(out).not.toHaveProperty('max_tokens')
    expect(out.max_completion_tokens).toBe(1024)
  })

  it('sends no reasoning effort to a model that does not reason, nor when thinking is off', () => {
    expect(translate({ thinking: { type: 'enabled', budget_tokens: 2000 } })).not.toHaveProperty('reasoning_effort')
    expect(translate({ thinking: { type: 'disabled' } }, reasoner)).not.toHaveProperty('reasoning_effort')
    expect(translate({ thinking: { type: 'enabled', budget_tokens: 2000 } }, reasoner).reasoning_effort).toBe('low')
    expect(translate({ output_config: { effort: 'medium' }, thinking: { type: 'enabled', budget_tokens: 2000 } }, reasoner).reasoning_effort).toBe('medium')
  })

  it('sends images as image_url parts, base64 as data URLs', () => {
    const out = translate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    })
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
    ])
  })

  it('carries assistant history with tool calls, and tool results as tool messages first', () => {
    const out = translate({
      messages: [
        { role: 'user', content: 'List the files' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'I should run ls.', signature: 'c2lnbmF0dXJl' },
            { type: 'text', text: 'Running ls.' },
            { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } },
            { type: 'tool_use', id: 'toolu_2', name: 'Bash', input: { command: 'pwd' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'a.txt\nb.txt' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'permission denied' }], is_error: true },
            { type: 'text', text: 'Now what?' },
          ],
        },
      ],
    })
    expect(out.messages).toEqual([
      { role: 'user', content: 'List the files' },
      {
        role: 'assistant',
        content: 'Running ls.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'Bash', arguments: '{"command":"ls"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'Bash', arguments: '{"command":"pwd"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'a.txt\nb.txt' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'Error:\n\npermission denied' },
      { role: 'user', content: 'Now what?' },
    ])
  })

  it('puts the images of a tool result in a user message after the tool messages', () => {
    const out = translate({
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'Screenshot taken' },
                { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
              ],
            },
          ],
        },
      ],
    })
    expect(out.messages).toEqual([
      { role: 'tool', tool_call_id: 'toolu_1', content: 'Screenshot taken' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } }] },
    ])
  })

  it('gives an assistant turn of tool calls alone a null content', () => {
    const out = translate({ messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Read', input: {} }] }] })
    expect(out.messages).toEqual([{ role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'Read', arguments: '{}' } }] }])
  })

  it.each([
    [{ type: 'auto' }, 'auto'],
    [{ type: 'any' }, 'required'],
    [{ type: 'none' }, 'none'],
    [
      { type: 'tool', name: 'Bash' },
      { type: 'function', function: { name: 'Bash' } },
    ],
  ] as const)('maps tool_choice %j', (choice, expected) => {
    const out = translate({ tools: claudeCodeRequest.tools, tool_choice: choice })
    expect(out.tool_choice).toEqual(expected)
  })

  it('asks for one call at a time when parallel tool use is off, and sends no tool_choice without tools', () => {
    expect(translate({ tools: claudeCodeRequest.tools, tool_choice: { type: 'auto', disable_parallel_tool_use: true } }).parallel_tool_calls).toBe(false)
    expect(translate({ tool_choice: { type: 'any' } })).not.toHaveProperty('tool_choice')
  })

  it('does not send stop sequences upstream (the answer translators apply them)', () => {
    expect(translate({ stop_sequences: ['END'] })).not.toHaveProperty('stop')
  })

  it('refuses what it cannot carry, with a clear reason', () => {
    expect(() => translate({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] })).toThrow(UntranslatableRequest)
    expect(() => translate({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } }] }] })).toThrow(
      /PDF/,
    )
  })

  it('carries a text document as text', () => {
    const out = translate({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Notes' } }] }] })
    expect(out.messages).toEqual([{ role: 'user', content: 'Notes' }])
  })
})
