import { describe, expect, it } from 'vitest'
import { type Timers, withPings } from './pings.js'

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, () => void>()
  let next = 0
  const timers: Timers = {
    setTimeout(callback) {
      next += 1
      pending.set(next, callback)
      return next
    },
    clearTimeout(handle) {
      pending.delete(handle as number)
    },
  }
  const fire = () => {
    const callbacks = [...pending.values()]
    pending.clear()
    for (const callback of callbacks) callback()
  }
  return { timers, fire, pendingCount: () => pending.size }
}

const encoder = new TextEncoder()
const PING = 'event: ping\ndata: {"type":"ping"}\n\n'

describe('withPings', () => {
  it('sends a ping after each silence, and the events as they come', async () => {
    const clock = manualTimers()
    let source!: ReadableStreamDefaultController<Uint8Array>
    const stream = withPings(new ReadableStream({ start: (c) => void (source = c) }), 15_000, clock.timers)
    const reader = stream.getReader()
    const decode = async () => new TextDecoder().decode((await reader.read()).value)

    const first = decode()
    await Promise.resolve()
    clock.fire()
    expect(await first).toBe(PING)

    const second = decode()
    await Promise.resolve()
    clock.fire()
    expect(await second).toBe(PING)

    const third = decode()
    source.enqueue(encoder.encode('event: message_stop\ndata: {"type":"message_stop"}\n\n'))
    expect(await third).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n')

    source.close()
    expect((await reader.read()).done).toBe(true)
    expect(clock.pendingCount()).toBe(0)
  })

  it('sends no ping once the event it waited for has come', async () => {
    const clock = manualTimers()
    let source!: ReadableStreamDefaultController<Uint8Array>
    const reader = withPings(new ReadableStream({ start: (c) => void (source = c) }), 15_000, clock.timers).getReader()
    const first = reader.read()
    source.enqueue(encoder.encode(PING.replace('ping', 'message_stop')))
    await first
    expect(clock.pendingCount()).toBe(0)
    clock.fire()
    source.close()
    expect((await reader.read()).done).toBe(true)
  })

  it('cancels the source and its timer when the client leaves', async () => {
    const clock = manualTimers()
    let cancelled = false
    const stream = withPings(new ReadableStream({ cancel: () => void (cancelled = true) }), 15_000, clock.timers)
    const reader = stream.getReader()
    void reader.read()
    await Promise.resolve()
    await reader.cancel()
    expect(cancelled).toBe(true)
    expect(clock.pendingCount()).toBe(0)
  })
})
