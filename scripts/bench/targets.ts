// The issue's targets, each judged against the bare Worker measured in the same run, and for
// those missed, what this run's own measurements say costs the time. "bare+platform" (the bare
// Worker with relaykit's static assets and log lines) splits relaykit's extra time into what its
// platform choices cost under wrangler dev and what its code costs.
import { deltaMs, mib, ms } from './format.js'
import type { BenchResults } from './results.js'
import type { Summary } from './stats.js'
import type { WorkerProfile } from './worker-profile.js'

export interface Verdict {
  target: string
  measured: string
  status: 'met' | 'missed' | 'not measured'
}

export interface Judgement {
  verdicts: Verdict[]
  /** One paragraph per kind of target missed: what costs the time (or the memory). */
  explanations: string[]
}

const MEDIAN_LIMIT_MS = 1
const P99_LIMIT_MS = 3
const FIRST_BYTE_LIMIT_MS = 1
/** Memory counts as flat when it grows by less than this share of the bytes streamed. */
export const FLAT_SHARE = 0.1

const notMeasured = (target: string, reason: string): Verdict => ({ target, measured: reason, status: 'not measured' })

const heaviest = (profile: WorkerProfile, of: 'contributors' | 'functions', count: number) =>
  profile[of]
    .slice(0, count)
    .map((entry) => `${entry.name} ${ms(entry.ms, 3)}`)
    .join(', ')

function latencyVerdicts(results: BenchResults): Verdict[] {
  const verdicts: Verdict[] = []
  const missing = results.relaykitMissing && `not measured: ${results.relaykitMissing}`
  for (const mode of ['sequential', 'concurrent'] as const) {
    const outcome = mode === 'sequential' ? results.sequential : results.concurrent
    const label = mode === 'sequential' ? 'sequential' : `${results.settings.concurrency} concurrent`
    const latency = (name: string) => (outcome.ok ? outcome.value.get(name)?.latency : undefined)
    const [bare, platform, relaykit] = [latency('bare'), latency('bare+platform'), latency('relaykit')]
    for (const [statistic, limit] of [
      ['median', MEDIAN_LIMIT_MS],
      ['p99', P99_LIMIT_MS],
    ] as const) {
      const target = `${statistic} added latency ≤ ${limit} ms (${label})`
      if (!bare || !relaykit) {
        verdicts.push(notMeasured(target, missing || (outcome.ok ? 'no numbers' : outcome.reason)))
        continue
      }
      const pick = (summary: Summary) => summary[statistic]
      const added = pick(relaykit) - pick(bare)
      const overPlatform = platform ? ` (${deltaMs(pick(relaykit) - pick(platform))} over bare+platform)` : ''
      verdicts.push({ target, measured: `${deltaMs(added)} over the bare Worker${overPlatform}`, status: added <= limit ? 'met' : 'missed' })
    }
  }
  return verdicts
}

/** Where relaykit's time per request goes, as far as this run measured it. */
function latencyStory(results: BenchResults): string {
  const parts: string[] = []
  const latency = (mode: 'sequential' | 'concurrent', name: string) => {
    const outcome = mode === 'sequential' ? results.sequential : results.concurrent
    return outcome.ok ? outcome.value.get(name)?.latency : undefined
  }
  const [bare, platform, relaykit] = [latency('sequential', 'bare'), latency('sequential', 'bare+platform'), latency('sequential', 'relaykit')]
  if (bare && platform && relaykit) {
    parts.push(
      `Sequentially, relaykit's median is ${deltaMs(relaykit.median - bare.median)} over the bare Worker. ${deltaMs(platform.median - bare.median)} of it the bare Worker pays too once given relaykit's static assets and its two JSON log lines per request (bare+platform: under wrangler dev every request passes the local asset router, and every console.log line goes out to wrangler); ${deltaMs(relaykit.median - platform.median)} is relaykit's code.`,
    )
  }
  const cpu = (name: string) => (results.sequential.ok ? results.sequential.value.get(name)?.cpuPerRequestMs : undefined)
  const [bareCpu, platformCpu, relaykitCpu] = [cpu('bare'), cpu('bare+platform'), cpu('relaykit')]
  if (bareCpu !== undefined && relaykitCpu !== undefined) {
    parts.push(
      `The workerd process running relaykit used ${ms(relaykitCpu)} of CPU per request (bare Worker ${ms(bareCpu)}${platformCpu === undefined ? '' : `, bare+platform ${ms(platformCpu)}`}).`,
    )
  }
  const relaykitProfile = results.requestProfiles.get('relaykit')
  const bareProfile = results.requestProfiles.get('bare')
  if (relaykitProfile?.ok) {
    const against = bareProfile?.ok ? ` (bare Worker ${ms(bareProfile.value.totalMs, 3)})` : ''
    parts.push(
      `${ms(relaykitProfile.value.totalMs, 3)} of it runs in relaykit's isolate${against}: ${heaviest(relaykitProfile.value, 'contributors', 4)}; heaviest functions ${heaviest(relaykitProfile.value, 'functions', 5)}.`,
    )
  }
  const concurrentBare = latency('concurrent', 'bare')
  const concurrentPlatform = latency('concurrent', 'bare+platform')
  const concurrentRelaykit = latency('concurrent', 'relaykit')
  if (results.concurrent.ok && concurrentBare && concurrentRelaykit) {
    const rate = (name: string) => results.concurrent.ok && results.concurrent.value.get(name)?.requestsPerSecond.toFixed(0)
    const overPlatform = concurrentPlatform ? ` (${deltaMs(concurrentRelaykit.median - concurrentPlatform.median)} over bare+platform)` : ''
    parts.push(
      `With ${results.settings.concurrency} requests in flight on ${results.machine.cores} cores a request also waits for the CPU all the others use, so each extra ms of CPU per request is paid several times over: median ${deltaMs(concurrentRelaykit.median - concurrentBare.median)} over the bare Worker${overPlatform}; requests/s: bare ${rate('bare')}, bare+platform ${rate('bare+platform')}, relaykit ${rate('relaykit')}.`,
    )
  }
  if (bare && platform && relaykit) parts.push(`Tails follow the same costs: sequential p99 bare ${ms(bare.p99)}, bare+platform ${ms(platform.p99)}, relaykit ${ms(relaykit.p99)}.`)
  return `Latency: ${parts.join(' ') || 'no measurement of where relaykit spends it in this run.'}`
}

function firstByteVerdict(results: BenchResults): { verdict: Verdict; story?: string } {
  const target = `first streamed byte ≤ ${FIRST_BYTE_LIMIT_MS} ms after the upstream's`
  const stream = (name: string) => (results.streaming.ok ? results.streaming.value.get(name) : undefined)
  const [bare, relaykit] = [stream('bare'), stream('relaykit')]
  if (!bare || !relaykit) {
    return {
      verdict: notMeasured(target, (results.relaykitMissing && `not measured: ${results.relaykitMissing}`) || (results.streaming.ok ? 'no numbers' : results.streaming.reason)),
    }
  }
  const added = relaykit.firstEventLagMs.median - bare.firstEventLagMs.median
  const verdict: Verdict = {
    target,
    measured: `${ms(relaykit.firstEventLagMs.median)} after the upstream wrote it (median; bare Worker ${ms(bare.firstEventLagMs.median)}): ${deltaMs(added)} over the bare Worker`,
    status: added <= FIRST_BYTE_LIMIT_MS ? 'met' : 'missed',
  }
  if (verdict.status === 'met') return { verdict }
  const perEvent = relaykit.eventLagMs.median - bare.eventLagMs.median
  const story =
    perEvent > FIRST_BYTE_LIMIT_MS
      ? `every event, not only the first, lags the upstream by ${ms(relaykit.eventLagMs.median)} through relaykit against ${ms(bare.eventLagMs.median)} through the bare Worker (median): the cost is per event, in how relaykit passes the stream on`
      : `only the first event is late: later events lag ${deltaMs(perEvent)} more than through the bare Worker (median)`
  return { verdict, story: `First byte: ${story}.` }
}

function memoryVerdict(results: BenchResults): { verdict: Verdict; story?: string } {
  const target = `flat memory on a 100 MB stream (growth < ${FLAT_SHARE * 100} % of the bytes)`
  const relaykit = results.memory.get('relaykit')
  if (!relaykit?.ok) return { verdict: notMeasured(target, (results.relaykitMissing && `not measured: ${results.relaykitMissing}`) || relaykit?.reason || 'no numbers') }
  const { worker, heap, buffers, bytesReceived, identical } = relaykit.value
  const growth = worker.peak - worker.start
  const flat = growth < FLAT_SHARE * bytesReceived && identical
  const verdict: Verdict = {
    target,
    measured: `relaykit's workerd ${mib(worker.start)} → peak ${mib(worker.peak)} (+${mib(growth)}) while relaying ${mib(bytesReceived)}${identical ? '' : '; the bytes received differ from those sent'}`,
    status: flat ? 'met' : 'missed',
  }
  if (flat) return { verdict }
  const parts: string[] = []
  const bare = results.memory.get('bare')
  if (bare?.ok) parts.push(`the bare Worker's workerd grew by ${mib(bare.value.worker.peak - bare.value.worker.start)} on the same stream.`)
  for (const [what, trace] of [
    ['V8 heap', heap],
    ['ArrayBuffer memory (stream chunks)', buffers],
  ] as const) {
    if (!trace || trace.afterGc === undefined) continue
    const held = trace.afterGc - trace.start
    parts.push(
      `relaykit's ${what} went from ${mib(trace.start)} to a peak of ${mib(trace.peak)} and was ${mib(trace.afterGc)} after a forced garbage collection: ${held < FLAT_SHARE * bytesReceived ? 'garbage not yet collected, not data held' : `${mib(held)} still held`}.`,
    )
  }
  const profile = results.streamProfiles.get('relaykit')
  const bareProfile = results.streamProfiles.get('bare')
  if (profile?.ok) {
    const against = bareProfile?.ok ? ` (bare Worker ${ms(bareProfile.value.totalMs, 3)})` : ''
    parts.push(`Relaying costs relaykit's isolate ${ms(profile.value.totalMs, 2)} of CPU per MiB${against}; heaviest functions ${heaviest(profile.value, 'functions', 6)}.`)
  }
  return { verdict, story: `Memory: ${parts.join(' ') || 'no heap or baseline figure to say more.'}` }
}

export function judgeTargets(results: BenchResults): Judgement {
  const latency = latencyVerdicts(results)
  const firstByte = firstByteVerdict(results)
  const memory = memoryVerdict(results)
  const explanations: string[] = []
  if (latency.some((verdict) => verdict.status === 'missed')) explanations.push(latencyStory(results))
  if (firstByte.story) explanations.push(firstByte.story)
  if (memory.story) explanations.push(memory.story)
  return { verdicts: [...latency, firstByte.verdict, memory.verdict], explanations }
}
