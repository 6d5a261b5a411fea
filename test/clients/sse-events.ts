/// <reference types="node" />
// Reads server-sent events off a raw HTTP response body as they arrive, noting when each one came,
// so a test can tell an incremental stream from one buffered until the end.

export interface ArrivedEvent {
  /** The event's `data:` lines, joined by newlines (e.g. a chunk's JSON, or `[DONE]`). */
  data: string
  /** performance.now() when the bytes completing the event were read. */
  at: number
}

/**
 * Yields each event of `body` as soon as its closing blank line is read. Leaving the loop early
 * (`break`) cancels the body, which is what a client going away does to the connection.
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ArrivedEvent> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  let finished = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) {
        finished = true
        return
      }
      const at = performance.now()
      // CRLF joined across reads too (a CR at the end of one read, its LF at the start of the next).
      buffered = (buffered + decoder.decode(value, { stream: true })).replace(/\r\n/g, '\n')
      let end: number
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const block = buffered.slice(0, end)
        buffered = buffered.slice(end + 2)
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
        if (data.length > 0) yield { data: data.join('\n'), at }
      }
    }
  } finally {
    if (!finished) await reader.cancel()
  }
}
