/// <reference types="node" />
// Streamed completions: when the first event arrives and how evenly the rest follow, per target.
// Every content event carries the fake's write time (stream-shape.ts), so besides the client's
// view (time to first byte from the request, gaps between events) we get each event's lag behind
// the upstream's write of it, which is what "first byte no later than 1 ms after the upstream's"
// asks about.
import type { Agent } from 'node:http'
import { post, type Target } from './http-client.js'
import { nsToMs, summarize, type Summary } from './stats.js'
import { formatShape, readStamp, type StreamShape } from './stream-shape.js'

export interface StreamingResult {
  /** Request sent → first content event received. */
  firstEventMs: Summary
  /** First content event: upstream wrote it → client received it. */
  firstEventLagMs: Summary
  /** Every content event: upstream wrote it → client received it. */
  eventLagMs: Summary
  /** Between consecutive content events, as the client received them. */
  gapMs: Summary
}

interface Arrival {
  writtenNs: bigint
  receivedNs: bigint
}

export function streamBody(shape: StreamShape, includeUsage = false): Buffer {
  return Buffer.from(
    JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: formatShape(shape) }],
      stream: true,
      ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    }),
  )
}

/** One stream; the arrival of each stamped event, in order. */
async function oneStream(target: Target, agent: Agent, body: Buffer, chunks: number): Promise<{ startNs: bigint; arrivals: Arrival[] }> {
  const arrivals: Arrival[] = []
  let pending = ''
  const exchange = await post(target, agent, body, (piece, atNs) => {
    pending += piece.toString('latin1')
    let end: number
    while ((end = pending.indexOf('\n\n')) !== -1) {
      const writtenNs = readStamp(pending.slice(0, end))
      if (writtenNs !== undefined) arrivals.push({ writtenNs, receivedNs: atNs })
      pending = pending.slice(end + 2)
    }
  })
  if (exchange.status !== 200) throw new Error(`${target.name}: stream answered ${exchange.status}`)
  if (arrivals.length !== chunks) throw new Error(`${target.name}: expected ${chunks} content events, received ${arrivals.length}`)
  return { startNs: exchange.startNs, arrivals }
}

export async function streaming(entries: Array<{ target: Target; agent: Agent }>, shape: StreamShape, streams: number, warmup: number): Promise<Map<string, StreamingResult>> {
  const body = streamBody(shape)
  for (let i = 0; i < warmup; i++) for (const { target, agent } of entries) await oneStream(target, agent, body, shape.chunks)
  const collected = entries.map(() => ({ firstEvent: [] as number[], firstLag: [] as number[], lag: [] as number[], gap: [] as number[] }))
  for (let i = 0; i < streams; i++) {
    for (let k = 0; k < entries.length; k++) {
      const index = (i + k) % entries.length
      const { target, agent } = entries[index]!
      const { startNs, arrivals } = await oneStream(target, agent, body, shape.chunks)
      const into = collected[index]!
      into.firstEvent.push(nsToMs(arrivals[0]!.receivedNs - startNs))
      into.firstLag.push(nsToMs(arrivals[0]!.receivedNs - arrivals[0]!.writtenNs))
      arrivals.forEach((arrival, n) => {
        into.lag.push(nsToMs(arrival.receivedNs - arrival.writtenNs))
        if (n > 0) into.gap.push(nsToMs(arrival.receivedNs - arrivals[n - 1]!.receivedNs))
      })
    }
  }
  return new Map(
    entries.map(({ target }, index) => {
      const into = collected[index]!
      return [target.name, { firstEventMs: summarize(into.firstEvent), firstEventLagMs: summarize(into.firstLag), eventLagMs: summarize(into.lag), gapMs: summarize(into.gap) }]
    }),
  )
}
