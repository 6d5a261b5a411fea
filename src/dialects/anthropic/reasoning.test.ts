import { describe, expect, it } from 'vitest'
import { reasoningEffort, reasoningFromSignature, reasoningSignature, thinkingShown } from './reasoning.js'

describe('reasoning signatures', () => {
  it('carry a reasoning item there and back', () => {
    expect(reasoningFromSignature(reasoningSignature('gAAAAB+x/y=', 'rs_1'))).toEqual({ encryptedContent: 'gAAAAB+x/y=', id: 'rs_1' })
  })
  it('are not read into a Claude signature or a malformed one', () => {
    expect(reasoningFromSignature('EqQBCgIYAhIMa2V5')).toBeUndefined()
    expect(reasoningFromSignature('@rs_1')).toBeUndefined()
    expect(reasoningFromSignature('abc@')).toBeUndefined()
    expect(reasoningFromSignature('')).toBeUndefined()
  })
})

describe('reasoningEffort', () => {
  it.each([
    [{ thinking: { type: 'enabled', budget_tokens: 1024 } }, 'low'],
    [{ thinking: { type: 'enabled', budget_tokens: 4096 } }, 'low'],
    [{ thinking: { type: 'enabled', budget_tokens: 10000 } }, 'medium'],
    [{ thinking: { type: 'enabled', budget_tokens: 31999 } }, 'high'],
    [{ thinking: { type: 'adaptive' } }, 'medium'],
    [{ thinking: { type: 'disabled' } }, undefined],
    [{}, undefined],
    [{ output_config: { effort: 'max' }, thinking: { type: 'enabled', budget_tokens: 1024 } }, 'max'],
  ] as const)('%j → %s', (request, effort) => {
    expect(reasoningEffort(request)).toBe(effort)
  })
})

describe('thinkingShown', () => {
  it('is false when thinking is omitted or off', () => {
    expect(thinkingShown({ thinking: { type: 'enabled', budget_tokens: 2000, display: 'omitted' } })).toBe(false)
    expect(thinkingShown({ thinking: { type: 'disabled' } })).toBe(false)
    expect(thinkingShown({ thinking: { type: 'enabled', budget_tokens: 2000 } })).toBe(true)
  })
})
