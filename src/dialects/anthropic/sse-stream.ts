import { createParser } from 'eventsource-parser'
import type { AnthropicStreamEvent, StreamTranslator } from './types.js'

/** An upstream event larger than this is no chat event; the stream stops rather than hold it. */
const MAX_EVENT_BYTES = 1024 * 1024

const encoder = new TextEncoder()

/** An event as Anthropic's server-sent events frame it: its type as the event name, itself as the data. */
export function encodeEvent(event: AnthropicStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
}

/**
 * An upstream's server-sent events (Chat Completions or Responses), translated into an Anthropic
 * event stream as they arrive. Pull-based: nothing is read from upstream faster than the client
 * reads, and each chunk sent holds whole events (so keep-alives can go between chunks). A stream
 * function rather than a TransformStream, so that what a TransformStream cannot see still ends the
 * answer properly: an upstream read that fails becomes an Anthropic `error` event, and once the
 * translation has ended (finished early, failed) the upstream request is cancelled. A client that
 * goes away cancels it too, after `onCancel` is told (the translator never hears of it).
 */
export function anthropicEventStream<Upstream>(
  upstream: ReadableStream<Uint8Array>,
  translator: StreamTranslator<Upstream>,
  onCancel: () => void = () => {},
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  const decoder = new TextDecoder()
  let pending: AnthropicStreamEvent[] = []
  const parser = createParser({
    maxBufferSize: MAX_EVENT_BYTES,
    onEvent({ data }) {
      if (translator.done) return
      if (data === '[DONE]') {
        pending.push(...translator.end())
        return
      }
      let parsed: Upstream
      try {
        parsed = JSON.parse(data) as Upstream
      } catch {
        pending.push(...translator.fail('api_error', 'Copilot sent an event that is not JSON; retry the request.'))
        return
      }
      pending.push(...translator.push(parsed))
    },
    onError() {
      if (!translator.done) pending.push(...translator.fail('api_error', 'Copilot sent an event too large to be part of an answer.'))
    },
  })

  const takePending = () => {
    const events = pending
    pending = []
    return events
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const send = (events: AnthropicStreamEvent[]) => {
          if (events.length > 0) controller.enqueue(encoder.encode(events.map(encodeEvent).join('')))
        }
        for (;;) {
          let result: ReadableStreamReadResult<Uint8Array>
          try {
            result = await reader.read()
          } catch {
            send(translator.fail('api_error', 'The connection to Copilot broke mid-answer; retry the request.'))
            controller.close()
            return
          }
          if (result.done) {
            parser.reset({ consume: true })
            send(takePending())
            if (!translator.done) send(translator.end())
            controller.close()
            return
          }
          parser.feed(decoder.decode(result.value, { stream: true }))
          const events = takePending()
          send(events)
          if (translator.done) {
            controller.close()
            await reader.cancel()
            return
          }
          if (events.length > 0) return
        }
      },
      cancel(reason) {
        onCancel()
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
