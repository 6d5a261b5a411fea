import type { MessageDeltaUsage } from '@anthropic-ai/sdk/resources/messages'
import { encodeEvent } from '../../../dialects/anthropic/sse-stream.js'
import { relayEvents, type UsageReader } from '../../../dialects/openai/event-relay.js'
import type { TokenUsage } from '../../../dialects/openai/usage-log.js'
import { log } from '../../../platform/log.js'
import { isRecord } from '../../../upstreams/copilot/json.js'
import { fromAnthropicUsage } from './messages-usage.js'
import { logCopilotUsage, type StreamEnding, type UsageLine } from './usage-line.js'

/** The last event of a stream that broke off: what Anthropic's SDKs raise as an `APIError`, after the events already sent. */
const BROKEN_EVENT = new TextEncoder().encode(
  encodeEvent({ type: 'error', error: { type: 'api_error', message: "Copilot's stream broke off before the answer was complete. Try again." } }),
)

/** The events that carry counts or end a stream (`message_start`, `message_delta`, `message_stop`, `error`) hold no answer text, so they are small. */
const MAX_WATCHED_EVENT_BYTES = 4096

const COUNTED = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const

type Counts = Pick<MessageDeltaUsage, (typeof COUNTED)[number]>

const decoder = new TextDecoder()

/** An event's type: its `event:` name, else the first `type` of its data (Anthropic writes it first). */
const typeOf = (text: string) => /^event: ?(\w+)/m.exec(text)?.[1] ?? /"type"\s*:\s*"(\w+)"/.exec(text)?.[1]

function dataOf(text: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(/^data: ?(.*)$/m.exec(text)?.[1] ?? '')
    return isRecord(data) ? data : undefined
  } catch {
    return undefined
  }
}

/**
 * What relaykit learns of an Anthropic stream as it passes: the counts (input in `message_start`,
 * output and sometimes input again in `message_delta`, whose values win) and how it ended.
 */
function streamWatch() {
  const counts: Counts = { input_tokens: null, output_tokens: 0, cache_read_input_tokens: null, cache_creation_input_tokens: null }
  const state: { ended?: 'complete' | 'failed' } = {}
  const add = (usage: unknown) => {
    if (!isRecord(usage)) return
    for (const key of COUNTED) {
      const value = usage[key]
      if (typeof value === 'number') counts[key] = value
    }
  }
  const reader: UsageReader = {
    maxEventBytes: MAX_WATCHED_EVENT_BYTES,
    read(event) {
      const text = decoder.decode(event)
      const type = typeOf(text)
      if (type === 'message_stop') state.ended = 'complete'
      else if (type === 'error') state.ended = 'failed'
      if (type !== 'message_start' && type !== 'message_delta') return undefined
      const data = dataOf(text)
      add(type === 'message_start' && isRecord(data?.message) ? data.message.usage : data?.usage)
      return fromAnthropicUsage(counts)
    },
  }
  return { reader, state }
}

/**
 * Copilot's own Anthropic event stream, passed on as it came, and always ended as Anthropic's
 * SDKs expect: one that breaks off, or ends before `message_stop` or an `error` event, gets a
 * last `error` event after the events already sent. Once it is over, one usage line with the
 * counts seen and how it ended, a break and a caller who left included.
 */
export function nativeEvents(upstream: ReadableStream<Uint8Array>, line: UsageLine, signal: AbortSignal): ReadableStream<Uint8Array> {
  const watch = streamWatch()
  let counted: TokenUsage | undefined
  let broken: string | undefined
  const onBroken = (reason: string) => {
    broken = reason
    log('error', 'copilot_stream_broken', { request_id: line.requestId, relay: 'copilot', reason })
  }
  const relayed = relayEvents(upstream, { keepUsage: true, usage: watch.reader, onUsage: (usage) => (counted = usage), onBroken, signal, brokenEvent: BROKEN_EVENT })
  const reader = relayed.getReader()
  let over = false
  const end = (ending: StreamEnding) => {
    over = true
    logCopilotUsage(line, counted, ending)
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>
        try {
          result = await reader.read()
        } catch (error) {
          // The relay ended the stream (the caller's signal aborted it): the line is still logged.
          if (!over) end(signal.aborted ? { outcome: 'cancelled' } : { outcome: 'broken', reason: 'read_failed' })
          return controller.error(error)
        }
        // The caller went away while Copilot was being read: its line is logged.
        if (over) return
        if (!result.done) return controller.enqueue(result.value)
        if (watch.state.ended === undefined && broken === undefined) {
          onBroken('unfinished')
          controller.enqueue(BROKEN_EVENT)
        }
        controller.close()
        end(watch.state.ended ? { outcome: watch.state.ended } : { outcome: 'broken', reason: broken })
      },
      cancel(reason) {
        if (!over) end({ outcome: 'cancelled' })
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
