import type { TokenUsage } from './usage-log.js'

/** Finds the token counts in a stream's events: which events may hold them, and how to read them. */
export interface UsageReader {
  /** Larger events are never looked into. */
  maxEventBytes: number
  /** The counts an event holds, if any. The bytes are lent: they are overwritten by the next read. */
  read: (event: Uint8Array) => TokenUsage | undefined
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
  /**
   * The caller's request signal. A caller that disconnects is seen only here while the upstream is
   * silent; the stream is then over, and the upstream cancelled.
   */
  signal?: AbortSignal
  /** Where the counts are: OpenAI's chat usage chunk unless told otherwise. */
  usage?: UsageReader
  /** The last event of a stream that broke off (brokenStreamEvent); OpenAI's unless told otherwise. */
  brokenEvent?: Uint8Array
}

const LF = 10
const CR = 13
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
/** An event larger than this is not a chat chunk; relaykit stops rather than hold it. */
const MAX_EVENT_BYTES = 1024 * 1024
/** One read from the upstream takes at most this: more than one network read brings. */
const READ_BYTES = 64 * 1024

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Ends a stream that broke off, as an event OpenAI's SDKs raise as an error rather than a short answer. */
export const brokenStreamEvent = (message: string, code: string) => encoder.encode(`data: ${JSON.stringify({ error: { message, type: 'relay_error', code } })}\n\n`)

const BROKEN_EVENT = brokenStreamEvent("OpenAI's stream broke off before the answer was complete.", 'openai_stream_interrupted')

function holdsEmptyArray(bytes: Uint8Array): boolean {
  for (let at = bytes.indexOf(OPEN_BRACKET); at !== -1; at = bytes.indexOf(OPEN_BRACKET, at + 1)) if (bytes[at + 1] === CLOSE_BRACKET) return true
  return false
}

/** OpenAI's usage chunk: `choices` empty and `usage` set. An event whose bytes hold no `[]` (how JSON writes an empty array) is not decoded. */
function chatUsageOf(event: Uint8Array): TokenUsage | undefined {
  if (!holdsEmptyArray(event)) return undefined
  try {
    const chunk = JSON.parse(decoder.decode(event).replace(/^data: ?/, '')) as { choices?: unknown[]; usage?: TokenUsage | null }
    return chunk.usage && chunk.choices?.length === 0 ? chunk.usage : undefined
  } catch {
    return undefined
  }
}

/** A usage chunk holds no content, so it is small; larger events are never looked into. */
const chatUsageChunk: UsageReader = { maxEventBytes: 4096, read: chatUsageOf }

/**
 * The start of an event still incomplete, copied out of the read buffer (which the next read
 * overwrites) until the rest of it has come.
 */
class HeldBytes {
  private buffer = new Uint8Array(0)
  private length = 0

  get bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }

  add(bytes: Uint8Array) {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(2 * this.buffer.length, this.length + bytes.length, 4096))
      grown.set(this.bytes)
      this.buffer = grown
    }
    this.buffer.set(bytes, this.length)
    this.length += bytes.length
  }

  clear() {
    this.length = 0
  }
}

/** fetch's bodies are byte streams, read straight into relaykit's buffer; any other stream is piped into one. */
function byteReader(body: ReadableStream<Uint8Array>): ReadableStreamBYOBReader {
  try {
    return body.getReader({ mode: 'byob' })
  } catch {
    return body.pipeThrough(new IdentityTransformStream()).getReader({ mode: 'byob' })
  }
}

/**
 * Relays server-sent events as they arrive, whole events only, so that a broken stream can end on
 * a clean error event. The usage event is read, and dropped unless the caller asked for it.
 *
 * Memory stays flat however long the stream: the upstream is read into one reused buffer, and
 * what it holds of whole events is written on at once, in one piece, to a stream that copies it
 * before the write completes; only the start of an event still incomplete at a read's end is kept
 * apart. A fresh buffer per read would instead leave the whole stream for the garbage collector,
 * which comes late. The upstream is read at most one read ahead of the caller; a caller that goes
 * away cancels it.
 */
export function relayEvents(upstream: ReadableStream<Uint8Array>, options: EventRelayOptions): ReadableStream<Uint8Array> {
  const { readable, writable } = new IdentityTransformStream()
  void relay(byteReader(upstream), writable.getWriter(), options)
  return readable
}

async function relay(
  reader: ReadableStreamBYOBReader,
  writer: WritableStreamDefaultWriter<ArrayBuffer | ArrayBufferView>,
  { keepUsage, onUsage, onBroken, onEnd = () => {}, signal, usage: usageReader = chatUsageChunk, brokenEvent = BROKEN_EVENT }: EventRelayOptions,
): Promise<void> {
  let over = false
  const end = () => {
    if (over) return
    over = true
    signal?.removeEventListener('abort', callerLeft)
    onEnd()
  }
  const stop = (reason: unknown) => Promise.allSettled([reader.cancel(reason), writer.abort(reason)])
  const callerLeft = () => {
    end()
    void stop(signal?.reason)
  }
  signal?.addEventListener('abort', callerLeft, { once: true })
  if (signal?.aborted) callerLeft()

  /** Whether the event is the usage event and is to be dropped; its counts are reported either way. */
  const dropped = (event: Uint8Array) => {
    const usage = event.length <= usageReader.maxEventBytes ? usageReader.read(event) : undefined
    if (usage) onUsage(usage)
    return usage !== undefined && !keepUsage
  }
  const send = async (bytes: Uint8Array) => {
    if (bytes.length > 0) await writer.write(bytes)
  }
  const breakOff = async (reason: 'read_failed' | 'event_too_large') => {
    onBroken(reason)
    await send(brokenEvent)
    await writer.close()
  }

  const held = new HeldBytes()
  let chunk = new Uint8Array(READ_BYTES)
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>
      try {
        read = await reader.read(new Uint8Array(chunk.buffer))
      } catch {
        // A caller that left may have aborted the upstream request: that is no break.
        return over ? undefined : await breakOff('read_failed')
      }
      if (over) return
      if (read.done) {
        // The upstream ends with a blank line; anything after the last one is passed on as it came.
        await send(held.bytes)
        return await writer.close()
      }
      chunk = read.value

      // The byte `index` places into the chunk, or before it in the held bytes.
      const before = held.bytes
      const at = (index: number) => (index >= 0 ? chunk[index] : before[before.length + index])
      let start = 0
      let unsent = 0
      for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, lf + 1)) {
        if (at(lf - 1) !== LF && !(at(lf - 1) === CR && at(lf - 2) === LF)) continue
        const eventEnd = lf + 1
        if (start === 0 && before.length > 0) {
          held.add(chunk.subarray(0, eventEnd))
          if (!dropped(held.bytes)) await send(held.bytes)
          held.clear()
          unsent = eventEnd
        } else if (dropped(chunk.subarray(start, eventEnd))) {
          await send(chunk.subarray(unsent, start))
          unsent = eventEnd
        }
        start = eventEnd
      }
      await send(chunk.subarray(unsent, start))
      held.add(chunk.subarray(start))
      if (held.bytes.length > MAX_EVENT_BYTES) {
        await reader.cancel()
        return await breakOff('event_too_large')
      }
    }
  } catch (reason) {
    // A write failed (the caller went away), or a usage reader threw: neither side is left waiting.
    await stop(reason)
  } finally {
    end()
  }
}
