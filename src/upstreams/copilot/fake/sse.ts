const encoder = new TextEncoder()

/** A server-sent event stream of `events`, one `data:` line each (named by `event:` when given), then `[DONE]` if asked. */
export function sseResponse(events: ReadonlyArray<{ event?: string; data: unknown }>, { done }: { done: boolean }): Response {
  const lines = events.map(({ event, data }) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`)
  if (done) lines.push('data: [DONE]\n\n')
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = lines.shift()
      if (next === undefined) controller.close()
      else controller.enqueue(encoder.encode(next))
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
}
