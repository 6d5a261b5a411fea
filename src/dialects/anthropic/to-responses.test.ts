import { describe, expect, it } from 'vitest'
import { claudeCodeRequest } from './fixtures/claude-code-request.js'
import { reasoningSignature } from './reasoning.js'
import type { MessagesRequest } from './request-content.js'
import { toResponsesRequest } from './to-responses.js'
import { UntranslatableRequest } from './untranslatable.js'

const reasoner = { id: 'gpt-5-codex', reasoning: true }
const plain = { id: 'gpt-4.1', reasoning: false }
const base = { model: 'claude-sonnet-4-5', max_tokens: 1024 } as const

function translate(request: Partial<MessagesRequest>, model = reasoner) {
  return toResponsesRequest({ ...base, messages: [], ...request }, model)
}

describe('toResponsesRequest', () => {
  it('carries Claude Code’s request: instructions, input, tools, reasoning without summaries (display omitted)', () => {
    expect(toResponsesRequest(claudeCodeRequest, reasoner)).toEqual({
      model: 'gpt-5-codex',
      instructions: "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks.",
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] }],
      max_output_tokens: 32000,
      store: false,
      stream: true,
      reasoning: { effort: 'high' },
      include: ['reasoning.encrypted_content'],
      tools: [
        {
          type: 'function',
          name: 'Bash',
          description: 'Executes a given bash command.',
          parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
          strict: false,
        },
        {
          type: 'function',
          name: 'Read',
          description: 'Reads a file from the local filesystem.',
          parameters: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] },
          strict: false,
        },
      ],
    })
  })

  it('asks for reasoning summaries when the client shows thinking', () => {
    expect(translate({ thinking: { type: 'enabled', budget_tokens: 8000 } }).reasoning).toEqual({ effort: 'medium', summary: 'auto' })
  })

  it('sends sampling parameters and the user only where they apply, and at least the minimum output tokens', () => {
    const out = translate({ max_tokens: 1, temperature: 0.5, top_p: 0.8, metadata: { user_id: 'u-1' }, thinking: { type: 'enabled', budget_tokens: 2000 } }, plain)
    expect(out).toMatchObject({ max_output_tokens: 16, temperature: 0.5, top_p: 0.8, user: 'u-1' })
    expect(out).not.toHaveProperty('reasoning')
    expect(out).not.toHaveProperty('include')
    expect(translate({ temperature: 0.5 })).not.toHaveProperty('temperature')
  })

  it('turns turns into input items in order: images, assistant text, calls, results with images', () => {
    const out = translate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Taking a screenshot.' },
            { type: 'tool_use', id: 'toolu_1', name: 'Screenshot', input: { full: true } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'Here' },
                { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGR' } },
              ],
            },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'boom', is_error: true },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    })
    expect(out.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Look' },
          { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' },
        ],
      },
      { type: 'message', role: 'assistant', content: 'Taking a screenshot.' },
      { type: 'function_call', call_id: 'toolu_1', name: 'Screenshot', arguments: '{"full":true}' },
      {
        type: 'function_call_output',
        call_id: 'toolu_1',
        output: [
          { type: 'input_text', text: 'Here' },
          { type: 'input_image', image_url: 'data:image/webp;base64,UklGR', detail: 'auto' },
        ],
      },
      { type: 'function_call_output', call_id: 'toolu_2', output: 'Error:\n\nboom' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Thanks' }] },
    ])
  })

  it('hands back reasoning it issued as a reasoning item, and drops thinking it cannot read', () => {
    const out = translate({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Plan: read the file.', signature: reasoningSignature('gAAAAB', 'rs_1') },
            { type: 'thinking', thinking: 'A Claude thought', signature: 'EqQBCgIYAhIM' },
            { type: 'redacted_thinking', data: 'xyz' },
            { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'a' } },
          ],
        },
      ],
    })
    expect(out.input).toEqual([
      { type: 'reasoning', id: 'rs_1', encrypted_content: 'gAAAAB', summary: [{ type: 'summary_text', text: 'Plan: read the file.' }] },
      { type: 'function_call', call_id: 'toolu_1', name: 'Read', arguments: '{"file_path":"a"}' },
    ])
  })

  it.each([
    [{ type: 'auto' }, 'auto'],
    [{ type: 'any' }, 'required'],
    [{ type: 'none' }, 'none'],
    [
      { type: 'tool', name: 'Bash' },
      { type: 'function', name: 'Bash' },
    ],
  ] as const)('maps tool_choice %j', (choice, expected) => {
    expect(translate({ tools: claudeCodeRequest.tools, tool_choice: choice }).tool_choice).toEqual(expected)
  })

  it('carries a system message inside the conversation, and no stop parameter', () => {
    const out = translate({ messages: [{ role: 'system', content: 'Answer in French.' }], stop_sequences: ['END'] })
    expect(out.input).toEqual([{ type: 'message', role: 'system', content: 'Answer in French.' }])
    expect(out).not.toHaveProperty('stop')
  })

  it('refuses Anthropic-hosted tools', () => {
    expect(() => translate({ tools: [{ type: 'code_execution_20250825', name: 'code_execution' }] })).toThrow(UntranslatableRequest)
  })
})
