import { describe, expect, it } from 'vitest'
import { ChatCompletionsStreamTranslator } from './chat-stream.js'
import { anthropicEventStream, encodeEvent } from './sse-stream.js'

const encoder = new TextEncoder()
const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`

/** An upstream under the test's control, recording whether it was cancelled. */
function controlledUpstream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const state = { cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state, send: (text: string) => controller.enqueue(encoder.encode(text)), fail: () => controller.error(new Error('reset')), close: () => controller.close() }
}

const translator = () => new ChatCompletionsStreamTranslator({ model: 'claude-sonnet-4-5' })
const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

describe('encodeEvent', () => {
  it("frames an event as Anthropic's SSE do", () => {
    expect(encodeEvent({ type: 'message_stop' })).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n')
  })
})

describe('anthropicEventStream', () => {
  it('sends each event as soon as its upstream chunk arrives', async () => {
    const upstream = controlledUpstream()
    const reader = anthropicEventStream(upstream.stream, translator()).getReader()
    upstream.send(chunk('Hel'))
    const first = decode((await reader.read()).value)
    expect(first).toContain('event: message_start')
    expect(first).toContain('"text":"Hel"')
    upstream.send(chunk('lo'))
    expect(decode((await reader.read()).value)).toBe('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}\n\n')
  })

  it('ends with an error event when reading the upstream fails', async () => {
    const upstream = controlledUpstream()
    const reader = anthropicEventStream(upstream.stream, translator()).getReader()
    upstream.send(chunk('Hel'))
    await reader.read()
    upstream.fail()
    expect(decode((await reader.read()).value)).toMatch(/^event: content_block_stop\n.*\n\nevent: error\ndata: .*The connection to Copilot broke mid-answer/)
    expect((await reader.read()).done).toBe(true)
  })

  it('ends with an error event on an event that is not JSON', async () => {
    const upstream = controlledUpstream()
    upstream.send('data: {"id": oops\n\n')
    expect(await new Response(anthropicEventStream(upstream.stream, translator())).text()).toContain('Copilot sent an event that is not JSON')
  })

  it('cancels the upstream once the translation has ended', async () => {
    const upstream = controlledUpstream()
    upstream.send(`${chunk('x')}data: {"error":{"message":"boom"}}\n\n`)
    const text = await new Response(anthropicEventStream(upstream.stream, translator())).text()
    expect(text).toContain('event: error')
    expect(upstream.state.cancelled).toBe(true)
  })

  it('finishes at [DONE] and at the end of a body without it', async () => {
    for (const ending of ['data: [DONE]\n\n', '']) {
      const upstream = controlledUpstream()
      upstream.send(chunk('Hi', 'stop') + ending)
      upstream.close()
      const text = await new Response(anthropicEventStream(upstream.stream, translator())).text()
      expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true)
    }
  })

  it('passes a client that goes away on to the upstream, and says so', async () => {
    const upstream = controlledUpstream()
    let told = false
    const stream = anthropicEventStream(upstream.stream, translator(), () => (told = true))
    await stream.cancel('client left')
    expect(upstream.state.cancelled).toBe(true)
    expect(told).toBe(true)
  })
})
