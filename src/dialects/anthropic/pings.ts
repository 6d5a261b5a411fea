import { encodeEvent } from './sse-stream.js'

/** The timer functions `withPings` uses; tests pass a controlled clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

const PING = new TextEncoder().encode(encodeEvent({ type: 'ping' }))

/**
 * An Anthropic event stream with a `ping` event sent after each `intervalMs` of silence, so that
 * clients and proxies do not give up on an answer while the model thinks or a tool call's
 * arguments are slow. The source must send whole events per chunk (as `anthropicEventStream`
 * does), since pings go between chunks. Pings are sent only while the client is reading.
 */
export function withPings(source: ReadableStream<Uint8Array>, intervalMs: number, timers: Timers = systemTimers): ReadableStream<Uint8Array> {
  const reader = source.getReader()
  let timer: unknown
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = reader.read()
        for (;;) {
          const silence = new Promise<'silence'>((resolve) => {
            timer = timers.setTimeout(() => resolve('silence'), intervalMs)
          })
          const result = await Promise.race([next, silence])
          timers.clearTimeout(timer)
          if (result === 'silence') {
            controller.enqueue(PING)
            continue
          }
          if (result.done) controller.close()
          else controller.enqueue(result.value)
          return
        }
      },
      cancel(reason) {
        timers.clearTimeout(timer)
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
