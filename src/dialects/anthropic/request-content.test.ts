import { describe, expect, it } from 'vitest'
import { customTools, imageUrl, systemText, toolResultParts, upstreamUser } from './request-content.js'
import { UntranslatableRequest } from './untranslatable.js'

describe('request content', () => {
  it('joins system blocks, and treats an empty system as none', () => {
    expect(
      systemText([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b', cache_control: { type: 'ephemeral' } },
      ]),
    ).toBe('a\n\nb')
    expect(systemText('')).toBeUndefined()
    expect(systemText([])).toBeUndefined()
  })

  it('sends a user id OpenAI takes, and drops a longer one rather than cut it', () => {
    expect(upstreamUser({ user_id: 'u'.repeat(64) })).toBe('u'.repeat(64))
    expect(upstreamUser({ user_id: 'u'.repeat(65) })).toBeUndefined()
    expect(upstreamUser({ user_id: null })).toBeUndefined()
  })

  it('refuses an image it cannot hand on', () => {
    expect(() => imageUrl({ type: 'image', source: { type: 'file', file_id: 'file_1' } })).toThrow(UntranslatableRequest)
  })

  it('marks a failed tool result, keeping its images', () => {
    expect(
      toolResultParts({
        type: 'tool_result',
        tool_use_id: 't',
        is_error: true,
        content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/e.png' } }],
      }),
    ).toEqual([
      { type: 'text', text: 'Error:' },
      { type: 'image', url: 'https://example.com/e.png' },
    ])
  })

  it("keeps a request's own tools, whatever extras they carry", () => {
    const tool = { name: 'Bash', input_schema: { type: 'object' as const }, type: 'custom' as const, eager_input_streaming: true }
    expect(customTools([tool])).toEqual([tool])
    expect(customTools(undefined)).toEqual([])
  })
})
