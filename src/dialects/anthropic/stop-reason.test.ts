import { describe, expect, it } from 'vitest'
import { chatStopReason, responsesStopReason } from './stop-reason.js'

describe('chatStopReason', () => {
  it('lets running out of tokens win, then tool use from any choice', () => {
    expect(chatStopReason(['stop', 'length'], true)).toBe('max_tokens')
    expect(chatStopReason(['stop', 'tool_calls'], false)).toBe('tool_use')
    expect(chatStopReason(['stop'], true)).toBe('tool_use')
    expect(chatStopReason(['content_filter'], false)).toBe('refusal')
    expect(chatStopReason(['stop'], false)).toBe('end_turn')
  })
})

describe('responsesStopReason', () => {
  it('reads the status and why the answer is incomplete', () => {
    expect(responsesStopReason({ status: 'completed', incomplete_details: null }, true)).toBe('tool_use')
    expect(responsesStopReason({ status: 'completed', incomplete_details: null }, false)).toBe('end_turn')
    expect(responsesStopReason({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }, true)).toBe('max_tokens')
    expect(responsesStopReason({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } }, false)).toBe('refusal')
  })
})
