import { describe, expect, it } from 'vitest'
import { copilotModelFor } from './model-names.js'

const account = ['gpt-5', 'gpt-4.1', 'claude-sonnet-4.5', 'claude-opus-4.1', 'claude-sonnet-4', 'claude-haiku-4.5', 'claude-3.5-sonnet', 'gemini-2.5-pro']

describe('copilotModelFor', () => {
  it.each([
    ['claude-sonnet-4-5', 'claude-sonnet-4.5'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4.5'],
    ['claude-opus-4-1-20250805', 'claude-opus-4.1'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4.5'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['claude-3-5-sonnet-20241022', 'claude-3.5-sonnet'],
    ['claude-3-5-sonnet-latest', 'claude-3.5-sonnet'],
    ['Claude-Sonnet-4-5', 'claude-sonnet-4.5'],
    ['claude-sonnet-4.5', 'claude-sonnet-4.5'],
    ['gpt-5', 'gpt-5'],
    ['gemini-2.5-pro', 'gemini-2.5-pro'],
  ])('%s → %s', (requested, expected) => {
    expect(copilotModelFor(requested, account)).toBe(expected)
  })

  it('never answers another version or family', () => {
    expect(copilotModelFor('claude-opus-4-5-20251101', account)).toBeUndefined()
    expect(copilotModelFor('claude-sonnet-4-6', account)).toBeUndefined()
    expect(copilotModelFor('claude-sonnet', account)).toBeUndefined()
    expect(copilotModelFor('gpt-5-mini', account)).toBeUndefined()
  })

  it('finds nothing in an empty account', () => {
    expect(copilotModelFor('claude-sonnet-4-5', [])).toBeUndefined()
  })
})
