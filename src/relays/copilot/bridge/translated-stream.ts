import { anthropicEventStream } from '../../../dialects/anthropic/sse-stream.js'
import type { AnthropicStreamEvent, StreamTranslator } from '../../../dialects/anthropic/types.js'
import type { TokenUsage } from '../../../dialects/openai/usage-log.js'
import { usageOfDelta } from './messages-usage.js'
import { logCopilotUsage, type StreamOutcome, type UsageLine } from './usage-line.js'

/**
 * A Chat Completions or Responses stream translated into Anthropic's events as it arrives, and one
 * usage line once it is over: the counts of its `message_delta` and how it ended. An error event
 * the translation writes because of how Copilot's stream went (it broke, sent what cannot be read,
 * or ended before finishing) marks a break; one written for an event it read (Copilot's error, a
 * runaway tool call) a failure. A caller who leaves first still gets its line, marked cancelled,
 * with no counts: Copilot reports them only at the end.
 */
export function translatedEvents<Upstream>(upstream: ReadableStream<Uint8Array>, translator: StreamTranslator<Upstream>, line: UsageLine): ReadableStream<Uint8Array> {
  let usage: TokenUsage | undefined
  let logged = false
  const over = (outcome: StreamOutcome) => {
    if (logged) return
    logged = true
    logCopilotUsage(line, usage, { outcome })
  }
  const seen = (events: AnthropicStreamEvent[], failure: 'failed' | 'broken') => {
    for (const event of events) {
      if (event.type === 'message_delta') usage = usageOfDelta(event.usage)
      else if (event.type === 'message_stop') over('complete')
      else if (event.type === 'error') over(failure)
    }
    return events
  }
  const watched: StreamTranslator<Upstream> = {
    push: (event) => seen(translator.push(event), 'failed'),
    end: () => seen(translator.end(), 'broken'),
    fail: (type, message) => seen(translator.fail(type, message), 'broken'),
    get done() {
      return translator.done
    },
  }
  return anthropicEventStream(upstream, watched, () => over('cancelled'))
}
