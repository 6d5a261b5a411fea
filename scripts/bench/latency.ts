/// <reference types="node" />
// relaykit against the bare Worker, in pairs: each pair calls both, the order swapped every pair,
// so that whatever else the machine does falls on both alike. Sequentially (one request at a time)
// and with 16 in flight (16 loops of pairs). Afterwards, each Worker alone for a while gives the
// workerd process's CPU per request.
import type { Agent } from 'node:http'
import type { Call } from './client.js'
import { keepAliveAgent, sendOk } from './client.js'
import { copilotChatCalls, copilotKey } from './copilot.js'
import type { StreamShape } from './fake-upstream.js'
import { cpuMs } from './proc.js'
import { nsToMs, type Summary, summarize } from './numbers.js'
import { REPO, SECRETS, type Workerd } from './workerd.js'

export const SIDES = ['relaykit', 'bare'] as const
export type Side = (typeof SIDES)[number]
export type PerSide<T> = Record<Side, T>

/** `stream`: the stream the fake upstream sends, for streamed scenarios. */
export type Scenario = { name: string; calls: PerSide<Call>; stream?: StreamShape }

/**
 * One scenario in one mode, ms: `latency` from request sent to answer complete; for streams,
 * `firstEventLag` from the upstream's write of the first content event to the client's read of it,
 * `gap` between consecutive content events as the client read them, and `tail` from the client's
 * read of the last content event to the answer's end.
 */
export type Measured = { scenario: Scenario; mode: string; latency: PerSide<Summary>; firstEventLag?: PerSide<Summary>; gap?: PerSide<Summary>; tail?: PerSide<Summary> }

/** Three content events a millisecond apart (the first too), so each is its own write. */
export const LATENCY_STREAM: StreamShape = { chunks: 3, size: 64, delayMs: 1 }

export function chatBody(content: string, stream: boolean) {
  return JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...(stream ? { stream, stream_options: { include_usage: true } } : {}) })
}

const JSON_TYPE = { 'content-type': 'application/json' }

export const chatCalls = (body: string): PerSide<Call> => ({
  relaykit: { method: 'POST', path: '/relay/openai/v1/chat/completions', headers: { ...JSON_TYPE, 'x-relay-secret': SECRETS.relay }, body },
  bare: { method: 'POST', path: '/v1/chat/completions', headers: JSON_TYPE, body },
})

/** relaykit reads GitHub's answer (21 KiB per pull request) to answer a summary; the bare Worker passes it on unread. */
const githubRead = (pullRequests: number): Scenario => ({
  name: `GitHub read (${pullRequests} pull request${pullRequests === 1 ? '' : 's'})`,
  calls: {
    relaykit: {
      method: 'POST',
      path: '/chatgpt/prs/list',
      headers: { ...JSON_TYPE, authorization: `Bearer ${SECRETS.actions}` },
      body: JSON.stringify({ ...REPO, per_page: pullRequests }),
    },
    bare: { method: 'GET', path: `/repos/${REPO.owner}/${REPO.repo}/pulls?per_page=${pullRequests}`, headers: {} },
  },
})

/** What the bench measures; scripts/deployed-worker.test.ts sends each to the deployed Worker too. */
export const scenarios = (copilotKey: string): Scenario[] => [
  { name: 'non-streamed chat', calls: chatCalls(chatBody('Say hello.', false)) },
  { name: 'streamed chat', calls: chatCalls(chatBody(JSON.stringify(LATENCY_STREAM), true)), stream: LATENCY_STREAM },
  githubRead(10),
  githubRead(1),
  { name: 'Copilot bridge, non-streamed chat', calls: copilotChatCalls(copilotKey, chatBody('Say hello.', false)) },
  { name: 'Copilot bridge, streamed chat', calls: copilotChatCalls(copilotKey, chatBody(JSON.stringify(LATENCY_STREAM), true)), stream: LATENCY_STREAM },
]

type Samples = Record<'latency' | 'firstEventLag' | 'gap' | 'tail', number[]>

async function runPairs(workerd: Workerd, agents: PerSide<Agent>, scenario: Scenario, pairs: number, inFlight: number): Promise<PerSide<Samples>> {
  const samples = { relaykit: { latency: [], firstEventLag: [], gap: [], tail: [] }, bare: { latency: [], firstEventLag: [], gap: [], tail: [] } } as PerSide<Samples>
  const one = async (side: Side) => {
    const answer = await sendOk(workerd[side], agents[side], scenario.calls[side])
    const into = samples[side]
    into.latency.push(nsToMs(answer.endNs - answer.startNs))
    if (!scenario.stream) return
    const events = answer.stamped
    if (events.length !== scenario.stream.chunks) throw new Error(`${side}: ${events.length} of ${scenario.stream.chunks} content events arrived`)
    into.firstEventLag.push(nsToMs(events[0]!.arrivedNs - events[0]!.writtenNs))
    for (let index = 1; index < events.length; index++) into.gap.push(nsToMs(events[index]!.arrivedNs - events[index - 1]!.arrivedNs))
    into.tail.push(nsToMs(answer.endNs - events.at(-1)!.arrivedNs))
  }
  let next = 0
  const loop = async () => {
    for (let pair = next++; pair < pairs; pair = next++) for (const side of pair % 2 ? (['bare', 'relaykit'] as const) : SIDES) await one(side)
  }
  await Promise.all(Array.from({ length: inFlight }, loop))
  return samples
}

function summarized(scenario: Scenario, mode: string, samples: PerSide<Samples>): Measured {
  const perSide = (pick: (s: Samples) => number[]) => ({ relaykit: summarize(pick(samples.relaykit)), bare: summarize(pick(samples.bare)) })
  const stream = scenario.stream ? { firstEventLag: perSide((s) => s.firstEventLag), gap: perSide((s) => s.gap), tail: perSide((s) => s.tail) } : {}
  return { scenario, mode, latency: perSide((s) => s.latency), ...stream }
}

export async function measureLatency(workerd: Workerd, settings: { pairs: number; warmupPairs: number; inFlight: number; cpuRequests: number }, log: (line: string) => void) {
  const agents = { relaykit: keepAliveAgent(settings.inFlight), bare: keepAliveAgent(settings.inFlight) }
  const measured: Measured[] = []
  const cpuPerRequestMs: Array<{ scenario: Scenario } & PerSide<number>> = []
  for (const scenario of scenarios(await copilotKey(workerd.relaykit))) {
    log(`${scenario.name}: warm-up, then ${settings.pairs} pairs sequentially and ${settings.pairs} with ${settings.inFlight} in flight`)
    await runPairs(workerd, agents, scenario, settings.warmupPairs, settings.inFlight)
    measured.push(summarized(scenario, 'sequential', await runPairs(workerd, agents, scenario, settings.pairs, 1)))
    measured.push(summarized(scenario, `${settings.inFlight} in flight`, await runPairs(workerd, agents, scenario, settings.pairs, settings.inFlight)))
    const cpu = { scenario, relaykit: 0, bare: 0 }
    for (const side of SIDES) {
      const before = cpuMs(workerd.process.pid)
      for (let request = 0; request < settings.cpuRequests; request++) await sendOk(workerd[side], agents[side], scenario.calls[side])
      cpu[side] = (cpuMs(workerd.process.pid) - before) / settings.cpuRequests
    }
    cpuPerRequestMs.push(cpu)
  }
  for (const agent of Object.values(agents)) agent.destroy()
  return { measured, cpuPerRequestMs }
}
