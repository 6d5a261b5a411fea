import { describe, expect, it } from 'vitest'
import { chatTokenCounts, deltaUsage, responsesTokenCounts } from './usage.js'

describe('token counts', () => {
  it('keep cache reads and writes out of the input, as Anthropic counts it', () => {
    expect(chatTokenCounts({ prompt_tokens: 1000, completion_tokens: 5, total_tokens: 1005, prompt_tokens_details: { cached_tokens: 900, cache_write_tokens: 60 } })).toEqual({
      input: 40,
      cacheRead: 900,
      cacheWrite: 60,
      output: 5,
    })
    expect(
      responsesTokenCounts({
        input_tokens: 300,
        input_tokens_details: { cached_tokens: 256, cache_write_tokens: 0 },
        output_tokens: 7,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 307,
      }),
    ).toEqual({ input: 44, cacheRead: 256, cacheWrite: 0, output: 7 })
  })

  it('are zero where Copilot reported none', () => {
    expect(chatTokenCounts({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 })).toEqual({ input: 12, cacheRead: 0, cacheWrite: 0, output: 3 })
    expect(deltaUsage()).toMatchObject({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0 })
  })
})
