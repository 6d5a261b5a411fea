import { describe, expect, it } from 'vitest'
import { MAX_WHITESPACE_DELTAS, MessageEvents } from './message-events.js'
import type { AnthropicStreamEvent } from './types.js'

/** The events without message_start's and message_delta's bulk: type, index and delta or block. */
function outline(events: AnthropicStreamEvent[]): unknown[] {
  return events.map((event) => {
    switch (event.type) {
      case 'content_block_start':
        return ['start', event.index, event.content_block.type]
      case 'content_block_delta':
        return ['delta', event.index, event.delta]
      case 'content_block_stop':
        return ['stop', event.index]
      case 'message_delta':
        return ['message_delta', event.delta.stop_reason, event.delta.stop_sequence]
      case 'error':
        return ['error', event.error.type, event.error.message]
      default:
        return [event.type]
    }
  })
}

function writer(stopSequences?: string[]) {
  const events = new MessageEvents({ model: 'claude-sonnet-4-5', stopSequences })
  events.start('msg_1')
  events.take()
  return events
}

describe('MessageEvents', () => {
  it('ends the message at a stop sequence split across deltas, naming it, and ignores what follows', () => {
    const events = writer(['</answer>'])
    events.text('a', 'It is 42</ans')
    events.text('a', 'wer> because')
    events.toolStart('t', 'call_1', 'Read')
    events.finish('end_turn')
    expect(outline(events.take())).toEqual([
      ['start', 0, 'text'],
      ['delta', 0, { type: 'text_delta', text: 'It is 42' }],
      ['stop', 0],
      ['message_delta', 'stop_sequence', '</answer>'],
      ['message_stop'],
    ])
    expect(events.done).toBe(true)
  })

  it('releases text held back for a stop sequence before the next block opens', () => {
    const events = writer(['END'])
    events.text('a', 'Almost E')
    events.toolStart('t', 'call_1', 'Read')
    expect(outline(events.take())).toEqual([
      ['start', 0, 'text'],
      ['delta', 0, { type: 'text_delta', text: 'Almost ' }],
      ['delta', 0, { type: 'text_delta', text: 'E' }],
      ['stop', 0],
      ['start', 1, 'tool_use'],
    ])
  })

  it('fails the message when arguments come for a tool call that already ended', () => {
    const events = writer()
    events.toolStart('t1', 'call_1', 'Read')
    events.toolArguments('t1', '{"a":')
    events.toolStart('t2', 'call_2', 'Glob')
    events.toolArguments('t1', '1}')
    expect(outline(events.take()).slice(-2)).toEqual([
      ['stop', 1],
      ['error', 'api_error', 'The model sent more of a tool call after it had moved on; retry the request.'],
    ])
  })

  it('fails a tool call that runs into whitespace before its arguments are complete', () => {
    const events = writer()
    events.toolStart('t', 'call_1', 'Write')
    events.toolArguments('t', '{"content": "abc"')
    for (let delta = 0; delta <= MAX_WHITESPACE_DELTAS; delta += 1) events.toolArguments('t', '\n')
    expect(events.done).toBe(true)
    expect(outline(events.take()).slice(-2)).toEqual([
      ['stop', 0],
      ['error', 'api_error', "The model's tool call ran into endless whitespace before its arguments were complete; retry the request."],
    ])
  })

  it('lets whitespace inside a call go on while it is not a run', () => {
    const events = writer()
    events.toolStart('t', 'call_1', 'Write')
    for (let delta = 0; delta < MAX_WHITESPACE_DELTAS * 3; delta += 1) events.toolArguments('t', delta % 2 ? '\n  ' : '"x",')
    expect(events.done).toBe(false)
  })

  it('puts a signature in the open thinking block, opening one if there is none', () => {
    const events = writer()
    events.signature('r', 'enc@rs_1')
    events.close('r')
    expect(outline(events.take())).toEqual([
      ['start', 0, 'thinking'],
      ['delta', 0, { type: 'signature_delta', signature: 'enc@rs_1' }],
      ['stop', 0],
    ])
  })
})
