import { describe, expect, it } from 'vitest'
import { cutAtStopSequence, StopSequenceMatcher } from './stop-sequences.js'

describe('cutAtStopSequence', () => {
  it('cuts before the first sequence to occur, not the first listed', () => {
    expect(cutAtStopSequence('one END two STOP', ['STOP', 'END'])).toEqual({ text: 'one ', matched: 'END' })
  })
  it('leaves text without a sequence whole', () => {
    expect(cutAtStopSequence('nothing here', ['END'])).toEqual({ text: 'nothing here' })
  })
})

describe('StopSequenceMatcher', () => {
  it('passes text straight through without sequences', () => {
    const matcher = new StopSequenceMatcher()
    expect(matcher.push('END')).toEqual({ text: 'END' })
    expect(matcher.flush()).toBe('')
  })

  it('finds a sequence split across deltas, holding back only what could begin it', () => {
    const matcher = new StopSequenceMatcher(['</answer>'])
    expect(matcher.push('42 is it<')).toEqual({ text: '42 is it' })
    expect(matcher.push('/ans')).toEqual({ text: '' })
    expect(matcher.push('wer> and more')).toEqual({ text: '', matched: '</answer>' })
  })

  it('releases held text once it cannot begin a sequence', () => {
    const matcher = new StopSequenceMatcher(['END'])
    expect(matcher.push('the E')).toEqual({ text: 'the ' })
    expect(matcher.push('ND')).toEqual({ text: '', matched: 'END' })
    const other = new StopSequenceMatcher(['END'])
    expect(other.push('the E')).toEqual({ text: 'the ' })
    expect(other.push('gg')).toEqual({ text: 'Egg' })
    expect(other.push(' E')).toEqual({ text: ' ' })
    expect(other.flush()).toBe('E')
  })
})
