import { afterEach, describe, expect, it, vi } from 'vitest'
import { nativeEvents } from './native-stream.js'

const line = { requestId: 'req_1', caller: 'fp', model: 'claude-sonnet-4.5' }
const start = 'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":12,"output_tokens":1}}}\n\n'

/** Copilot's stream: one event, then silence. */
const silentAfterStart = (): ReadableStream<Uint8Array> =>
  new ReadableStream({
    type: 'bytes',
    start(controller) {
      controller.enqueue(new TextEncoder().encode(start))
    },
  })

const usageLines = (log: { mock: { calls: unknown[][] } }) =>
  log.mock.calls.map(([text]) => JSON.parse(String(text)) as Record<string, unknown>).filter((entry) => entry.msg === 'copilot_usage')

afterEach(() => vi.restoreAllMocks())

describe('nativeEvents', () => {
  it('logs one cancelled line with the input counted when the caller leaves while Copilot is silent', async () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {})
    const caller = new AbortController()
    const reader = nativeEvents(silentAfterStart(), line, caller.signal).getReader()
    await reader.read()
    const pending = reader.read().catch(() => undefined)
    caller.abort('caller left')
    await pending
    await vi.waitFor(() => expect(usageLines(info)).toHaveLength(1))
    expect(usageLines(info)[0]).toMatchObject({ outcome: 'cancelled', prompt_tokens: 12 })
  })
})
