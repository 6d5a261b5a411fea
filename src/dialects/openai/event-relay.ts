import type { TokenUsage } from './usage-log.js'

/** Finds the token counts in a stream's events: which events may hold them, and how to read them. */
export interface UsageReader {
  /** Larger events are never looked into. */
  maxEventBytes: number
  /** The counts an event holds, if any; it comes in the pieces it arrived in. */
  read: (event: readonly Uint8Array[]) => TokenUsage | undefined
}

export interface EventRelayOptions {
  /** Forward the usage event (the caller asked for it); otherwise it is dropped. */
  keepUsage: boolean
  /** Called with the usage event's counts, whether or not it is forwarded. */
  onUsage: (usage: TokenUsage) => void
  /** Called when the upstream's stream breaks off after it began. */
  onBroken: (reason: 'read_failed' | 'event_too_large') => void
  /** Called once when the stream is over: ended, broken off, or cancelled by the caller. */
  onEnd?: () => void
  /** Where the counts are: OpenAI's chat usage chunk unless told otherwise. */
  usage?: UsageReader
  /** The last event of a stream that broke off (brokenStreamEvent); OpenAI's unless told otherwise. */
  brokenEvent?: Uint8Array
}

const LF = 10
const CR = 13
/** An event larger than this is not a chat chunk; relaykit stops rather than hold it. */
const MAX_EVENT_BYTES = 1024 * 1024

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Ends a stream that broke off, as an event OpenAI's SDKs raise as an error rather than a short answer. */
export const brokenStreamEvent = (message: string, code: string) => encoder.encode(`data: ${JSON.stringify({ error: { message, type: 'relay_error', code } })}\n\n`)

const BROKEN_EVENT = brokenStreamEvent("OpenAI's stream broke off before the answer was complete.", 'openai_stream_interrupted')

/** OpenAI's usage chunk: `choices` empty and `usage` set (other chunks carry `"usage":null`). */
function chatUsageOf(pieces: readonly Uint8Array[]): TokenUsage | undefined {
  const text = decoder.decode(concat(pieces))
  if (!/"usage"\s*:\s*\{/.test(text)) return undefined
  try {
    const chunk = JSON.parse(text.replace(/^data: ?/, '')) as { choices?: unknown[]; usage?: TokenUsage }
    return chunk.usage && chunk.choices?.length === 0 ? chunk.usage : undefined
  } catch {
    return undefined
  }
}

/** A usage chunk holds no content, so it is small; larger events are never decoded to look. */
const chatUsageChunk: UsageReader = { maxEventBytes: 4096, read: chatUsageOf }

export function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0))
  let offset = 0
  for (const piece of pieces) {
    joined.set(piece, offset)
    offset += piece.length
  }
  return joined
}

/**
 * Relays OpenAI's server-sent events as they arrive. Bytes are not changed, nor copied: an
 * upstream chunk that holds whole events is forwarded whole, at once; only the pieces of an event
 * still incomplete at a chunk's end wait for the rest of it, so no partial event is ever sent
 * (which lets a broken stream end on a clean error event). The usage chunk is read, and dropped
 * unless the caller asked for it. Pull-based: nothing is read from OpenAI faster than the caller
 * reads, so memory stays flat; a caller that goes away cancels the OpenAI request.
 */
export function relayEvents(
  upstream: ReadableStream<Uint8Array>,
  { keepUsage, onUsage, onBroken, onEnd = () => {}, usage: usageReader = chatUsageChunk, brokenEvent = BROKEN_EVENT }: EventRelayOptions,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  /** The pieces of the event still incomplete, as they came (joined only to look for usage). */
  let pending: Uint8Array[] = []
  let pendingBytes = 0

  /** The byte `back` places before the current chunk, in the pending pieces. */
  function pendingByte(back: number): number | undefined {
    for (let index = pending.length - 1; index >= 0; index -= 1) {
      const piece = pending[index]
      if (piece === undefined) break
      if (back <= piece.length) return piece[piece.length - back]
      back -= piece.length
    }
    return undefined
  }

  /** The index just past the blank line that ends the first event at or after `from` in `chunk`, or -1. */
  function eventEnd(chunk: Uint8Array, from: number): number {
    const at = (index: number) => (index >= 0 ? chunk[index] : pendingByte(-index))
    for (let lf = chunk.indexOf(LF, from); lf !== -1; lf = chunk.indexOf(LF, lf + 1)) {
      if (at(lf - 1) === LF || (at(lf - 1) === CR && at(lf - 2) === LF)) return lf + 1
    }
    return -1
  }

  /** What can go to the caller now: whole events, the first with the pending pieces before it. */
  function forwardable(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = []
    let start = 0
    let keptFrom = 0
    for (let end = eventEnd(chunk, 0); end !== -1; end = eventEnd(chunk, end)) {
      const carried = start === 0 ? pending : []
      const length = end - start + (start === 0 ? pendingBytes : 0)
      const usage = length <= usageReader.maxEventBytes ? usageReader.read([...carried, chunk.subarray(start, end)]) : undefined
      if (usage) onUsage(usage)
      if (usage && !keepUsage) {
        if (start > keptFrom) out.push(chunk.subarray(keptFrom, start))
        keptFrom = end
      } else {
        out.push(...carried)
      }
      if (start === 0) {
        pending = []
        pendingBytes = 0
      }
      start = end
    }
    if (start > keptFrom) out.push(chunk.subarray(keptFrom, start))
    if (start < chunk.length) {
      pending.push(start === 0 ? chunk : chunk.subarray(start))
      pendingBytes += chunk.length - start
    }
    return out
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
            controller.enqueue(brokenEvent)
            controller.close()
            onEnd()
            return
          }
          if (result.done) {
            // The upstream ends with a blank line; anything after the last one is passed on as it came.
            for (const piece of pending) controller.enqueue(piece)
            controller.close()
            onEnd()
            return
          }
          const out = forwardable(result.value)
          if (pendingBytes > MAX_EVENT_BYTES) {
            onBroken('event_too_large')
            await reader.cancel()
            controller.enqueue(brokenEvent)
            controller.close()
            onEnd()
            return
          }
          if (out.length > 0) {
            for (const piece of out) controller.enqueue(piece)
            return
          }
        }
      },
      cancel(reason) {
        onEnd()
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
