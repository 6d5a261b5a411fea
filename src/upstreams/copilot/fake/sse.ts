const encoder = new TextEncoder()

export interface SseOptions {
  /** Ends with `data: [DONE]` (chat completions do; responses do not). */
  done: boolean
  /** Waits this long before each event after the first, as a model writing does. */
  delayMs?: number
  /** Stops after this many events with a network error, as a connection lost mid-answer. */
  breakAfter?: number
  /** Told when the reader cancels the stream (the caller went away). */
  onCancel?: () => void
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A server-sent event stream of `events`, one `data:` line each (named by `event:` when given). */
export function sseResponse(events: ReadonlyArray<{ event?: string; data: unknown }>, { done, delayMs = 0, breakAfter, onCancel }: SseOptions): Response {
  const lines = events.map(({ event, data }) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`)
  if (done) lines.push('data: [DONE]\n\n')
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === breakAfter) return controller.error(new TypeError('Network connection lost.'))
      const next = lines.shift()
      if (next === undefined) return controller.close()
      if (sent > 0 && delayMs > 0) await pause(delayMs)
      sent += 1
      controller.enqueue(encoder.encode(next))
    },
    cancel: () => onCancel?.(),
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
}
