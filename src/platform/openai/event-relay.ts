import type { TokenUsage } from './usage-log.js'

export interface EventRelayOptions {
  /** Forward OpenAI's final usage chunk (the caller asked for it); otherwise it is dropped. */
  keepUsage: boolean
  /** Called with the usage chunk's counts, whether or not it is forwarded. */
  onUsage: (usage: TokenUsage) => void
  /** Called when OpenAI's stream breaks off after it began. */
  onBroken: (reason: 'read_failed' | 'event_too_large') => void
}

const LF = 10
const CR = 13
/** An event larger than this is not a chat chunk; relaykit stops rather than hold it. */
const MAX_EVENT_BYTES = 1024 * 1024

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Ends a stream that broke off, as an event OpenAI's SDKs raise as an error rather than a short answer. */
const BROKEN_EVENT = encoder.encode(
  `data: ${JSON.stringify({ error: { message: "OpenAI's stream broke off before the answer was complete.", type: 'relay_error', code: 'openai_stream_interrupted' } })}\n\n`,
)

/** The index just past the blank line that ends the first event at or after `from`, or -1. */
function eventEnd(bytes: Uint8Array, from: number): number {
  for (let lf = bytes.indexOf(LF, from); lf !== -1; lf = bytes.indexOf(LF, lf + 1)) {
    if (bytes[lf - 1] === LF || (bytes[lf - 1] === CR && bytes[lf - 2] === LF)) return lf + 1
  }
  return -1
}

/** A usage chunk holds no content, so it is small; larger events are never decoded to look. */
const MAX_USAGE_EVENT_BYTES = 4096

/** OpenAI's usage chunk: `choices` empty and `usage` set (other chunks carry `"usage":null`). */
function usageOf(event: Uint8Array): TokenUsage | undefined {
  if (event.length > MAX_USAGE_EVENT_BYTES) return undefined
  const text = decoder.decode(event)
  if (!/"usage"\s*:\s*\{/.test(text)) return undefined
  try {
    const chunk = JSON.parse(text.replace(/^data: ?/, '')) as { choices?: unknown[]; usage?: TokenUsage }
    return chunk.usage && chunk.choices?.length === 0 ? chunk.usage : undefined
  } catch {
    return undefined
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}

/**
 * Relays OpenAI's server-sent events as they arrive. Bytes are not changed: an upstream chunk
 * that holds whole events is forwarded whole, at once; only the bytes of an event
 * still incomplete at a chunk's end wait for the rest of it, so no partial event is ever sent
 * (which lets a broken stream end on a clean error event). The usage chunk is read, and dropped
 * unless the caller asked for it. Pull-based: nothing is read from OpenAI faster than the caller
 * reads, so memory stays flat; a caller that goes away cancels the OpenAI request.
 */
export function relayEvents(upstream: ReadableStream<Uint8Array>, { keepUsage, onUsage, onBroken }: EventRelayOptions): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  let pending: Uint8Array | undefined

  /** The complete events of `bytes` to forward; what follows the last one stays pending. */
  function forwardable(bytes: Uint8Array, scanFrom: number): Uint8Array[] {
    const kept: Uint8Array[] = []
    let start = 0
    let keptStart = 0
    for (let end = eventEnd(bytes, scanFrom); end !== -1; end = eventEnd(bytes, end)) {
      const usage = usageOf(bytes.subarray(start, end))
      if (usage) {
        onUsage(usage)
        if (!keepUsage) {
          if (start > keptStart) kept.push(bytes.subarray(keptStart, start))
          keptStart = end
        }
      }
      start = end
    }
    if (start > keptStart) kept.push(bytes.subarray(keptStart, start))
    pending = start < bytes.length ? bytes.subarray(start) : undefined
    return kept
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          let result: ReadableStreamReadResult<Uint8Array>
          try {
            result = await reader.read()
          } catch {
            onBroken('read_failed')
            controller.enqueue(BROKEN_EVENT)
            controller.close()
            return
          }
          if (result.done) {
            // OpenAI ends with a blank line; anything after the last one is passed on as it came.
            if (pending) controller.enqueue(pending)
            controller.close()
            return
          }
          const scanFrom = pending ? Math.max(0, pending.length - 2) : 0
          const bytes = pending ? concat(pending, result.value) : result.value
          const events = forwardable(bytes, scanFrom)
          if (pending && pending.length > MAX_EVENT_BYTES) {
            onBroken('event_too_large')
            await reader.cancel()
            controller.enqueue(BROKEN_EVENT)
            controller.close()
            return
          }
          if (events.length > 0) {
            for (const event of events) controller.enqueue(event)
            return
          }
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
