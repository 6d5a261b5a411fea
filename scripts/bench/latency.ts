/// <reference types="node" />
// Non-streamed round trips, the same request to every target. Sequential requests are
// interleaved across targets (direct, bare, relaykit, then bare, relaykit, direct, …) so that
// background load on the machine, or drift, falls on all targets alike rather than on whichever
// ran last. Concurrent runs go in rounds, each target in turn, for the same reason.
import type { Agent } from 'node:http'
import { postBuffered, type Target } from './http-client.js'
import { nsToMs, summarize, type Summary } from './stats.js'

export const CHAT_BODY = Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }))

export interface LatencyTarget {
  target: Target
  agent: Agent
  /** CPU milliseconds used so far by the processes serving this target (undefined: not measured). */
  cpuMillis?: () => number
}

export interface SequentialResult {
  latency: Summary
  /** CPU of the serving processes per request, ms (10 ms clock ticks over the whole run). */
  cpuPerRequestMs?: number
}

export interface ConcurrentResult {
  latency: Summary
  requestsPerSecond: number
}

/** One request; throws unless the answer is 200 (a failing target must not look fast). */
async function roundTrip(entry: LatencyTarget): Promise<number> {
  const exchange = await postBuffered(entry.target, entry.agent, CHAT_BODY)
  if (exchange.status !== 200) {
    throw new Error(`${entry.target.name}: POST ${entry.target.path} answered ${exchange.status}: ${exchange.body.toString('utf8').slice(0, 500)}`)
  }
  return nsToMs(exchange.endNs - exchange.startNs)
}

export async function sequential(entries: LatencyTarget[], warmup: number, requests: number): Promise<Map<string, SequentialResult>> {
  for (let i = 0; i < warmup; i++) for (const entry of entries) await roundTrip(entry)
  const samples = entries.map(() => [] as number[])
  const cpuBefore = entries.map((entry) => entry.cpuMillis?.())
  for (let i = 0; i < requests; i++) {
    for (let k = 0; k < entries.length; k++) {
      const index = (i + k) % entries.length
      samples[index]!.push(await roundTrip(entries[index]!))
    }
  }
  return new Map(
    entries.map((entry, index) => {
      const before = cpuBefore[index]
      const after = entry.cpuMillis?.()
      const result: SequentialResult = { latency: summarize(samples[index]!) }
      if (before !== undefined && after !== undefined) result.cpuPerRequestMs = (after - before) / requests
      return [entry.target.name, result]
    }),
  )
}

/** `total` requests with `concurrency` in flight at any time; latencies plus wall-clock rate. */
async function burst(entry: LatencyTarget, total: number, concurrency: number): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = []
  let started = 0
  const begin = process.hrtime.bigint()
  const lane = async () => {
    while (started < total) {
      started += 1
      samples.push(await roundTrip(entry))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  return { samples, seconds: Number(process.hrtime.bigint() - begin) / 1e9 }
}

export async function concurrent(entries: LatencyTarget[], total: number, concurrency: number, rounds: number): Promise<Map<string, ConcurrentResult>> {
  // A short burst first opens every keep-alive socket, so no measured request pays for one.
  for (const entry of entries) await burst(entry, concurrency * 4, concurrency)
  const samples = entries.map(() => [] as number[])
  const seconds = entries.map(() => 0)
  const perRound = Math.ceil(total / rounds)
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < entries.length; k++) {
      const index = (round + k) % entries.length
      const result = await burst(entries[index]!, perRound, concurrency)
      samples[index]!.push(...result.samples)
      seconds[index]! += result.seconds
    }
  }
  return new Map(entries.map((entry, index) => [entry.target.name, { latency: summarize(samples[index]!), requestsPerSecond: samples[index]!.length / seconds[index]! }]))
}
