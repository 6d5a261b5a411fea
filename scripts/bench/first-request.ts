/// <reference types="node" />
// What start-up leaves to the first request: relaykit builds a relay's contract and routes on the
// first request that reaches it (src/platform/first-use.ts). Each run starts a fresh workerd
// process (which loads both Workers before it listens) and sends a non-streamed chat to each
// Worker, then a second one; the first includes opening the connection, for both alike.
import type { Build } from './build.js'
import { keepAliveAgent, sendOk } from './client.js'
import { chatBody, chatCalls, SIDES, type PerSide } from './latency.js'
import { nsToMs, summarize, type Summary } from './numbers.js'
import { startWorkerd } from './workerd.js'

export type FirstRequests = PerSide<{ first: Summary; second: Summary }>

export async function measureFirstRequests(build: Build, work: string, upstream: string, runs: number): Promise<FirstRequests> {
  const samples = { relaykit: { first: [] as number[], second: [] as number[] }, bare: { first: [] as number[], second: [] as number[] } }
  const calls = chatCalls(chatBody('Say hello.', false))
  for (let run = 0; run < runs; run++) {
    const workerd = await startWorkerd(build, work, upstream)
    try {
      // Which Worker goes first alternates, as in the latency pairs.
      for (const side of run % 2 ? [...SIDES].reverse() : SIDES) {
        const agent = keepAliveAgent(1)
        for (const which of ['first', 'second'] as const) {
          const answer = await sendOk(workerd[side], agent, calls[side])
          samples[side][which].push(nsToMs(answer.endNs - answer.startNs))
        }
        agent.destroy()
      }
    } finally {
      await workerd.process.stop()
    }
  }
  const summarized = (side: (typeof SIDES)[number]) => ({ first: summarize(samples[side].first), second: summarize(samples[side].second) })
  return { relaykit: summarized('relaykit'), bare: summarized('bare') }
}
