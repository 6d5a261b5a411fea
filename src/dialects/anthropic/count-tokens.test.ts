import { beforeAll, describe, expect, it } from 'vitest'
import { countInputTokens, IMAGE_TOKENS, MESSAGE_TOKENS, REPLY_TOKENS } from './count-tokens.js'
import { o200kCounter, type TokenCounter } from './tokenizer.js'

/** Counts words, so the rules can be checked by hand. */
const words: TokenCounter = { count: (text) => text.split(/\s+/).filter(Boolean).length }

const bash = {
  name: 'Bash',
  description: 'Executes a given bash command.',
  input_schema: { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] },
}

describe('countInputTokens', () => {
  let counter: TokenCounter
  // The ranks are a 2 MB module, slow to transform for the test runner.
  beforeAll(async () => {
    counter = o200kCounter((await import('gpt-tokenizer/bpeRanks/o200k_base')).default)
  }, 60_000)

  it('counts with the real tokenizer: system, messages with their framing, tools as JSON', () => {
    const request = { system: 'Hello, world!', messages: [{ role: 'user' as const, content: 'Say hello' }] }
    expect(countInputTokens(request, counter)).toEqual({ input_tokens: REPLY_TOKENS + 4 + MESSAGE_TOKENS + 2 })
    // The tool's definition `{"name":"Bash","description":…,"input_schema":…}` is 36 tokens.
    expect(countInputTokens({ ...request, tools: [{ ...bash, defer_loading: true, cache_control: { type: 'ephemeral' } }] }, counter)).toEqual({
      input_tokens: REPLY_TOKENS + 4 + MESSAGE_TOKENS + 2 + 36,
    })
  })

  it('counts images at a fixed estimate, tool calls and results by their content, and no earlier thinking', () => {
    const request = {
      system: [{ type: 'text' as const, text: 'one two' }],
      messages: [
        {
          role: 'user' as const,
          content: [
            { type: 'text' as const, text: 'look at this' },
            { type: 'image' as const, source: { type: 'url' as const, url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant' as const,
          content: [
            { type: 'thinking' as const, thinking: 'many private words here', signature: 's' },
            { type: 'tool_use' as const, id: 't1', name: 'Read', input: { a: 'b c' } },
          ],
        },
        {
          role: 'user' as const,
          content: [
            {
              type: 'tool_result' as const,
              tool_use_id: 't1',
              content: [
                { type: 'text' as const, text: 'file body' },
                { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'AA==' } },
              ],
            },
          ],
        },
      ],
    }
    const expected = REPLY_TOKENS + 2 + MESSAGE_TOKENS * 3 + 3 + IMAGE_TOKENS + (1 + 2) + (2 + IMAGE_TOKENS)
    expect(countInputTokens(request, words)).toEqual({ input_tokens: expected })
  })
})
