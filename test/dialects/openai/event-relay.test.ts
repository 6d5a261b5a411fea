import { describe, expect, it, vi } from 'vitest'
import { brokenStreamEvent, relayEvents, type UsageReader } from '../../../src/dialects/openai/event-relay.js'
import type { TokenUsage } from '../../../src/dialects/openai/usage-log.js'

// The SSE pass-through on its own: what reaches the caller, chunk by chunk, for upstream chunks
// cut anywhere. The upstream is a byte stream, as fetch's bodies are, unless a test says otherwise.

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const chunk = (content: string) =>
  `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"${content}"},"finish_reason":null}],"usage":null}\n\n`
const usage: TokenUsage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 }
const usageChunk = `data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":${JSON.stringify(usage)}}\n\n`
const done = 'data: [DONE]\n\n'

/** An upstream body sending exactly these pieces, one a pull, then ending (or failing); it notes its pulls and a cancel. */
function upstream(pieces: (string | Uint8Array)[], { failAtEnd = false, bytes = true } = {}) {
  const state = { cancelled: false as unknown, pulls: 0 }
  const source = {
    pull(controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) {
      state.pulls += 1
      const piece = pieces.shift()
      if (piece === undefined) return failAtEnd ? controller.error(new Error('connection lost')) : controller.close()
      controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece.slice())
    },
    cancel(reason: unknown) {
      state.cancelled = reason ?? true
    },
  }
  const body: ReadableStream<Uint8Array> = bytes ? new ReadableStream({ ...source, type: 'bytes' }) : new ReadableStream(source, { highWaterMark: 0 })
  return { body, state }
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const chunks: string[] = []
  for await (const piece of stream) chunks.push(decoder.decode(piece))
  return chunks
}

function relay(pieces: (string | Uint8Array)[], { keepUsage = false, failAtEnd = false, bytes = true } = {}) {
  const { body, state } = upstream(pieces, { failAtEnd, bytes })
  const usages: TokenUsage[] = []
  const broken: string[] = []
  const stream = relayEvents(body, { keepUsage, onUsage: (counts) => void usages.push(counts), onBroken: (reason) => void broken.push(reason) })
  return { stream, state, usages, broken }
}

describe('relayEvents', () => {
  it('forwards each upstream chunk of whole events as it came, in one piece', async () => {
    const pieces = [chunk('Hel'), chunk('lo') + chunk('!'), done]
    const { stream } = relay([...pieces])
    expect(await readAll(stream)).toEqual(pieces)
  })

  it('holds an event cut across chunks until its end has arrived, then sends it whole', async () => {
    const event = chunk('split')
    const { stream, state } = relay([event.slice(0, 10), event.slice(10, 30), event.slice(30) + done])
    const reader = stream.getReader()
    const first = await reader.read()
    expect(state.pulls).toBe(3)
    expect(decoder.decode(first.value)).toBe(event)
    const rest: string[] = []
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest.push(decoder.decode(next.value))
    expect(rest).toEqual([done])
    expect(state.cancelled).toBe(false)
  })

  it('sends an event larger than one read whole, however many chunks it came in', async () => {
    const event = chunk('x'.repeat(200 * 1024))
    const cuts = [0, 1000, 70_000, 140_000, 200_000, event.length]
    const { stream } = relay([...cuts.slice(1).map((cut, index) => event.slice(cuts[index], cut)), done])
    // A default reader would take it in pieces of its own size; a large enough buffer takes each write whole.
    const reader = stream.getReader({ mode: 'byob' })
    const writes: string[] = []
    for (let next = await reader.read(new Uint8Array(1024 * 1024)); !next.done; next = await reader.read(new Uint8Array(1024 * 1024))) writes.push(decoder.decode(next.value))
    expect(writes).toEqual([event, done])
  })

  it('forwards bytes a reader may keep: what it reads next does not change them', async () => {
    const pieces = Array.from({ length: 50 }, (_, index) => chunk(String(index).repeat(index + 1)))
    const { stream } = relay([...pieces, done])
    const kept: Uint8Array[] = []
    for await (const piece of stream) kept.push(piece)
    expect(kept.map((piece) => decoder.decode(piece))).toEqual([...pieces, done])
  })

  it('relays a body that is not a byte stream too', async () => {
    const pieces = [chunk('a'), chunk('b').slice(0, 9), chunk('b').slice(9) + done]
    const { stream, usages } = relay([...pieces, usageChunk], { bytes: false })
    expect((await readAll(stream)).join('')).toBe(pieces.join(''))
    expect(usages).toEqual([usage])
  })

  it('finds the blank line even when it is cut between chunks, and accepts CRLF line ends', async () => {
    const crlf = chunk('a').replace(/\n/g, '\r\n')
    const first = chunk('b')
    const { stream } = relay([first.slice(0, -1), first.slice(-1) + crlf.slice(0, -2), crlf.slice(-2), done])
    expect((await readAll(stream)).join('')).toBe(first + crlf + done)
  })

  it('drops the usage chunk the caller did not ask for, and still reports its counts', async () => {
    const { stream, usages } = relay([chunk('x'), usageChunk.slice(0, 20), usageChunk.slice(20) + done])
    expect((await readAll(stream)).join('')).toBe(chunk('x') + done)
    expect(usages).toEqual([usage])
  })

  it('keeps the usage chunk when the caller asked for it', async () => {
    const { stream, usages } = relay([chunk('x'), usageChunk, done], { keepUsage: true })
    expect((await readAll(stream)).join('')).toBe(chunk('x') + usageChunk + done)
    expect(usages).toEqual([usage])
  })

  it('does not mistake content that mentions usage for the usage chunk', async () => {
    const tricky = `data: {"choices":[{"index":0,"delta":{"content":"\\"usage\\":{\\"total_tokens\\":1}"}}],"usage":null}\n\n`
    const { stream, usages } = relay([tricky, done])
    expect((await readAll(stream)).join('')).toBe(tricky + done)
    expect(usages).toEqual([])
  })

  it('passes bytes through unchanged, multi-byte characters cut between chunks included', async () => {
    const bytes = encoder.encode(chunk('héllo wörld 👋') + done)
    const cut = bytes.indexOf(0xf0) + 2
    const { stream } = relay([bytes.slice(0, cut), bytes.slice(cut)])
    const received = new Uint8Array(await new Response(stream).arrayBuffer())
    expect(received).toEqual(bytes)
  })

  it('ends a stream that breaks off with a clean error event, dropping the partial event', async () => {
    const { stream, broken } = relay([chunk('a'), chunk('b').slice(0, 15)], { failAtEnd: true })
    const text = (await readAll(stream)).join('')
    expect(text.startsWith(chunk('a'))).toBe(true)
    const last = JSON.parse(text.slice(chunk('a').length).replace(/^data: /, ''))
    expect(last.error.code).toBe('openai_stream_interrupted')
    expect(broken).toEqual(['read_failed'])
  })

  it('stops, and cancels OpenAI, rather than hold an event larger than 1 MiB', async () => {
    const huge = `data: ${'x'.repeat(512 * 1024)}`
    const { stream, state, broken } = relay([huge, huge, huge, done])
    const text = (await readAll(stream)).join('')
    expect(text).toContain('openai_stream_interrupted')
    expect(text.length).toBeLessThan(1024)
    expect(broken).toEqual(['event_too_large'])
    expect(state.cancelled).toBeTruthy()
  })

  it('cancels the OpenAI stream when the caller goes away', async () => {
    const { stream, state } = relay([chunk('a'), chunk('b'), chunk('c'), done])
    const reader = stream.getReader()
    await reader.read()
    await reader.cancel('caller left')
    await vi.waitFor(() => expect(state.cancelled).toBeTruthy())
  })

  it('ends at once when the caller signal has aborted before the stream began', async () => {
    const caller = new AbortController()
    caller.abort('caller left')
    const ends = vi.fn()
    relayEvents(upstream([chunk('a'), done]).body, { keepUsage: false, onUsage: () => undefined, onBroken: () => undefined, onEnd: ends, signal: caller.signal })
    expect(ends).toHaveBeenCalledTimes(1)
  })

  it('ends, and cancels the upstream, when the caller signal aborts while the upstream is silent', async () => {
    const state = { cancelled: false as unknown }
    const silent: ReadableStream<Uint8Array> = new ReadableStream({ type: 'bytes', cancel: (reason) => void (state.cancelled = reason) })
    const caller = new AbortController()
    const ends = vi.fn()
    relayEvents(silent, { keepUsage: false, onUsage: () => undefined, onBroken: () => undefined, onEnd: ends, signal: caller.signal })
    caller.abort('caller left')
    expect(ends).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(state.cancelled).toBe('caller left'))
  })

  it('reads from OpenAI only as fast as the caller reads', async () => {
    const { stream, state } = relay(Array.from({ length: 100 }, () => chunk('n')))
    const reader = stream.getReader()
    await reader.read()
    await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(state.pulls).toBeLessThanOrEqual(3)
    await reader.cancel()
  })

  it('tells when the stream is over, once, however it ends', async () => {
    for (const [pieces, failAtEnd, cancel] of [
      [[chunk('a'), done], false, false],
      [[chunk('a')], true, false],
      [[chunk('a'), chunk('b'), done], false, true],
    ] as const) {
      const ends = vi.fn()
      const stream = relayEvents(upstream([...pieces], { failAtEnd }).body, { keepUsage: false, onUsage: () => undefined, onBroken: () => undefined, onEnd: ends })
      if (cancel) {
        const reader = stream.getReader()
        await reader.read()
        await reader.cancel()
      } else await readAll(stream)
      await vi.waitFor(() => expect(ends).toHaveBeenCalled())
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(ends).toHaveBeenCalledTimes(1)
    }
  })

  it("reads another API's usage with its own reader, and ends a break with its own event", async () => {
    const completed = 'event: response.completed\ndata: {"response":{"usage":{"total_tokens":4}}}\n\n'
    const reader: UsageReader = {
      maxEventBytes: 1024,
      read: (event) => (decoder.decode(event).startsWith('event: response.completed') ? { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 } : undefined),
    }
    const usages: TokenUsage[] = []
    const broken = brokenStreamEvent('Copilot broke off.', 'copilot_stream_interrupted')
    const stream = relayEvents(upstream([completed], { failAtEnd: true }).body, {
      keepUsage: true,
      usage: reader,
      brokenEvent: broken,
      onUsage: (counts) => void usages.push(counts),
      onBroken: () => undefined,
    })
    expect((await readAll(stream)).join('')).toBe(completed + new TextDecoder().decode(broken))
    expect(usages).toEqual([{ prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 }])
  })
})
