import { describe, expect, it } from 'vitest'
import { anthropicMessage, toolInput } from './message.js'
import { UnreadableUpstreamAnswer } from './untranslatable.js'

describe('toolInput', () => {
  it('reads JSON arguments, and no arguments as an empty input', () => {
    expect(toolInput('Read', '{"a":1}')).toEqual({ a: 1 })
    expect(toolInput('Glob', '  ')).toEqual({})
    expect(() => toolInput('Read', '{"a":')).toThrow(UnreadableUpstreamAnswer)
  })
})

describe('anthropicMessage', () => {
  it('drops the blocks after a stop sequence, and an empty text before it', () => {
    const message = anthropicMessage(
      'm',
      [
        { type: 'thinking', thinking: 't', signature: 's' },
        { type: 'text', text: 'END and more', citations: null },
        { type: 'text', text: 'later', citations: null },
      ],
      'end_turn',
      undefined,
      { model: 'claude-sonnet-4-5', stopSequences: ['END'] },
    )
    expect(message.content).toEqual([{ type: 'thinking', thinking: 't', signature: 's' }])
    expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'END', model: 'claude-sonnet-4-5' })
  })
})
