// BENCHMARKS.md, rendered from one run's results: the command, the machine, the targets with
// their verdicts, then one table per stage. Regenerated in full by every run.
import { FLAT_SHARE, judgeTargets } from './targets.js'
import { deltaMs, kib, mib, ms, percent, table } from './format.js'
import type { BenchResults, Outcome } from './results.js'
import type { Trace } from './memory.js'
import type { Summary } from './stats.js'
import type { WorkerProfile } from './worker-profile.js'

const TARGETS = ['direct', 'bare', 'bare+platform', 'relaykit'] as const
const CONTRIBUTORS = 8

const failed = (outcome: Outcome<unknown>) => (outcome.ok ? '' : `Not measured: ${outcome.reason.replace(/\n/g, ' ').slice(0, 1500)}\n\n`)

/** The rows of a per-target table, with "not measured" for a target that has no numbers. */
function perTarget<T>(values: Map<string, T> | undefined, results: BenchResults, cells: (value: T) => string[], width: number): string[][] {
  return TARGETS.map((name) => {
    const value = values?.get(name)
    if (value !== undefined) return [name, ...cells(value)]
    const reason = name === 'relaykit' && results.relaykitMissing ? `not measured (${results.relaykitMissing})` : 'not measured'
    return [name, reason, ...Array.from({ length: width - 1 }, () => '')]
  })
}

/** "added" rows: the difference of medians and of p99s between two targets. */
function addedRows<T>(values: Map<string, T> | undefined, pick: (value: T) => Summary[]): string[][] {
  const pairs = [
    ['bare', 'direct'],
    ['bare+platform', 'bare'],
    ['relaykit', 'direct'],
    ['relaykit', 'bare'],
    ['relaykit', 'bare+platform'],
  ] as const
  return pairs.flatMap(([slow, fast]) => {
    const a = values?.get(slow)
    const b = values?.get(fast)
    if (a === undefined || b === undefined) return []
    const cells = pick(a).flatMap((summary, i) => [deltaMs(summary.median - pick(b)[i]!.median), deltaMs(summary.p99 - pick(b)[i]!.p99)])
    return [[`added: ${slow} − ${fast}`, ...cells]]
  })
}

function header(results: BenchResults): string {
  const { machine, settings } = results
  return `# Benchmarks

Produced by \`${results.command}\` on ${results.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC in ${results.seconds.toFixed(0)} s; every run rewrites this file in full.

Measured: ${results.workTree}.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.kernel}, Node ${machine.node}, wrangler ${machine.wrangler}, workerd ${machine.workerd}. Load average (1 min): ${results.loadBefore.toFixed(2)} before the run, ${results.loadAfter.toFixed(2)} after; whatever else runs on the machine adds noise to every target alike.

How: a fake OpenAI (\`scripts/bench/fake-openai-server.ts\`, plain node:http, its own process) on loopback is called directly, through a bare Worker that only forwards (\`scripts/bench/bare-worker.ts\`), through the same Worker given relaykit's platform costs ("bare+platform": relaykit's static assets directory and two JSON log lines per request, as relaykit writes), and through relaykit's openai relay (\`POST /relay/openai/v1/chat/completions\`, rate limit off). Each Worker runs under its own \`wrangler dev\` (local workerd, not sandbox mode, on a copy of the working tree taken at the start, so that edits during the run cannot reload it), so all pay wrangler's local path alike (its proxy workerd, then the workerd running the Worker): "relaykit − bare" is relaykit's cost, and "relaykit − bare+platform" the part of it that is relaykit's code rather than its assets and log lines. One client code path for all (node:http, keep-alive). Sequential: ${settings.sequentialRequests} requests per target after ${settings.sequentialWarmup} warm-up, interleaved across targets. Concurrent: ${settings.concurrentRequests} per target, ${settings.concurrency} in flight, in 4 rounds. Percentiles are nearest-rank.
`
}

function verdicts(results: BenchResults): string {
  const { verdicts, explanations } = judgeTargets(results)
  const rows = verdicts.map((verdict) => [verdict.target, verdict.measured, verdict.status === 'met' ? '**met**' : verdict.status === 'missed' ? '**missed**' : 'not measured'])
  const why = explanations.length ? `\nWhat costs the time where a target is missed (from this run's measurements):\n\n${explanations.map((text) => `- ${text}`).join('\n')}\n` : ''
  return `## Targets\n\n${table(['target', 'measured', 'verdict'], rows)}\n${why}`
}

function latency(results: BenchResults): string {
  const sequential = results.sequential.ok ? results.sequential.value : undefined
  const concurrent = results.concurrent.ok ? results.concurrent.value : undefined
  const merged = new Map(TARGETS.filter((name) => sequential?.get(name) && concurrent?.get(name)).map((name) => [name, { s: sequential!.get(name)!, c: concurrent!.get(name)! }]))
  const rows = perTarget(
    merged,
    results,
    ({ s, c }) => [
      ms(s.latency.median),
      ms(s.latency.p99),
      ms(c.latency.median),
      ms(c.latency.p99),
      c.requestsPerSecond.toFixed(0),
      s.cpuPerRequestMs === undefined ? '–' : ms(s.cpuPerRequestMs),
    ],
    6,
  )
  const added = addedRows(merged, ({ s, c }) => [s.latency, c.latency]).map((row) => [...row, '', ''])
  return `## Latency: non-streamed chat completion

${failed(results.sequential)}${failed(results.concurrent)}${table(['target', 'sequential median', 'sequential p99', `${results.settings.concurrency} concurrent median`, `${results.settings.concurrency} concurrent p99`, 'requests/s (concurrent)', 'Worker CPU per request'], [...rows, ...added])}

"Worker CPU per request": user + system time of the workerd process running that Worker (not wrangler's proxy) over the sequential run, from /proc (10 ms ticks over ${results.settings.sequentialRequests} requests).
`
}

function streaming(results: BenchResults): string {
  const { settings } = results
  const values = results.streaming.ok ? results.streaming.value : undefined
  const rows = perTarget(
    values,
    results,
    (r) => [
      ms(r.firstEventMs.median),
      ms(r.firstEventMs.p99),
      ms(r.firstEventLagMs.median),
      ms(r.firstEventLagMs.p99),
      ms(r.eventLagMs.median),
      ms(r.eventLagMs.p99),
      ms(r.gapMs.median),
      ms(r.gapMs.p99),
    ],
    8,
  )
  const added = addedRows(values, (r) => [r.firstEventMs, r.firstEventLagMs, r.eventLagMs, r.gapMs])
  return `## Streaming

${settings.streams} streams per target (interleaved), each ${settings.streamChunks} events of ${settings.streamChunkSize} characters, ${settings.streamDelayMs} ms apart (the first too). Each event carries the monotonic time at which the fake wrote it, so "after upstream" is the event's own delay from the upstream's write to the client's read.

${failed(results.streaming)}${table(['target', 'first event after request, median', 'p99', 'first event after upstream, median', 'p99', 'any event after upstream, median', 'p99', 'gap between events, median', 'p99'], [...rows, ...added])}
`
}

function memory(results: BenchResults): string {
  const trace = (t: Trace | undefined) => (t ? [t.start, t.peak, t.end, ...(t.afterGc === undefined ? [] : [t.afterGc])].map(mib).join(' / ') : '–')
  const rows = [...results.memory].map(([name, outcome]) => {
    if (!outcome.ok) return [name, `not measured: ${outcome.reason.replace(/\n/g, ' ').slice(0, 300)}`, '', '', '', '', '', '', '']
    const m = outcome.value
    return [
      name,
      `${mib(m.bytesSent)} / ${mib(m.bytesReceived)}${m.identical ? ', identical' : ', DIFFERENT'}`,
      `${m.seconds.toFixed(1)} s (${(m.bytesReceived / 1024 / 1024 / m.seconds).toFixed(0)} MiB/s)`,
      ms(m.workerCpuMs, 0),
      trace(m.worker),
      `+${mib(m.worker.peak - m.worker.start)}`,
      trace(m.heap),
      trace(m.buffers),
      trace(m.proxy),
    ]
  })
  if (results.relaykitMissing && !results.memory.has('relaykit')) rows.push(['relaykit', `not measured (${results.relaykitMissing})`, '', '', '', '', '', '', ''])
  return `## Memory: a 100 MB stream

${results.settings.memoryChunks} events of ${results.settings.memoryChunkSize} characters, sent as fast as the reader takes them, \`stream_options.include_usage\` asked for so that relaykit passes every byte on. Sampled every 100 ms: resident memory (RSS) of the workerd process running the Worker and of wrangler's proxy workerd; through the inspector, the Worker isolate's V8 heap and its ArrayBuffer memory (where stream chunks live, outside the V8 heap). "after GC": read once the stream is over, after a forced full garbage collection. Flat: RSS grows by less than ${FLAT_SHARE * 100} % of the bytes streamed.

${table(['Worker', 'sent / received', 'duration', 'Worker CPU', 'Worker RSS start / peak / end', 'RSS growth', 'V8 heap start / peak / end / after GC', 'ArrayBuffers start / peak / end / after GC', 'proxy RSS start / peak / end'], rows)}
`
}

/** One profile: its contributors and its heaviest functions, per `unit`. */
function profileTables(profile: WorkerProfile, unit: string): string {
  if (profile.functions.length === 0) return 'No samples: the isolate ran no JavaScript (the body passed through workerd natively).\n'
  const contributors = table(
    ['contributor', `CPU per ${unit}`, 'share'],
    profile.contributors.slice(0, CONTRIBUTORS).map((c) => [c.name, ms(c.ms, 3), percent(c.ms, profile.totalMs)]),
  )
  const functions = table(
    ['function (contributor)', `self CPU per ${unit}`],
    profile.functions.slice(0, 10).map((f) => [f.name, ms(f.ms, 3)]),
  )
  const mapping =
    profile.lineMatch < 0.9
      ? `\n\nOnly ${percent(profile.lineMatch, 1)} of the functions were found on the bundle line the profile gives: the per-contributor split is unreliable.`
      : ''
  return `${contributors}\n\n${functions}${mapping}\n`
}

function profiles(results: BenchResults): string {
  const requestSections = [...results.requestProfiles].map(([name, outcome]) =>
    outcome.ok
      ? `### ${name}, per request: ${ms(outcome.value.totalMs, 3)} (${outcome.value.requests} sequential requests, one sample per ${outcome.value.sampleMicros} µs)\n\n${profileTables(outcome.value, 'request')}`
      : `### ${name}, per request\n\nNot measured: ${outcome.reason}\n`,
  )
  const streamSections = [...results.streamProfiles].map(([name, outcome]) =>
    outcome.ok
      ? `### ${name}, per MiB streamed: ${ms(outcome.value.totalMs, 3)} (one ${outcome.value.mebibytes.toFixed(0)} MiB stream, one sample per ${outcome.value.sampleMicros} µs)\n\n${profileTables(outcome.value, 'MiB')}`
      : `### ${name}, per MiB streamed\n\nNot measured: ${outcome.reason}\n`,
  )
  if (requestSections.length + streamSections.length === 0) return ''
  return `## Where the Worker's CPU goes

V8 CPU profiles of the Worker's isolate, through wrangler's inspector, taken after the timed stages (profiling slows the Worker): while sequential non-streamed requests run, and during one more 100 MB stream. workerd samples only while the isolate runs; each sample counts for the sampling interval achieved. The totals are the CPU spent in the Worker's isolate: its JavaScript, the built-ins it calls (fetch, Response, console.log, …), garbage collection and V8's own work ("(program)"). They leave out workerd's work outside the isolate (HTTP, wrangler's local asset router and request logging), which the "Worker CPU per request" of the latency table includes.

${[...requestSections, ...streamSections].join('\n')}`
}

function bundle(results: BenchResults): string {
  if (!results.bundle.ok) return `## Bundle\n\n${failed(results.bundle)}`
  const { deployed, minified } = results.bundle.value
  const minifiedBytes = new Map(minified.contributors.map((c) => [c.name, c.bytes]))
  const rows = deployed.contributors.slice(0, CONTRIBUTORS).map((c) => [c.name, kib(c.bytes), percent(c.bytes, deployed.bytes), kib(minifiedBytes.get(c.name) ?? 0)])
  return `## Bundle

Built by \`wrangler deploy --dry-run\` from relaykit's wrangler.toml (the Worker script only; the static assets for /docs are uploaded separately). gzip as Cloudflare counts it (node:zlib, default level).

${table(
  ['build', 'size', 'gzip'],
  [
    ['as deployed (not minified)', kib(deployed.bytes), kib(deployed.gzipBytes)],
    ['minified (`--minify`)', kib(minified.bytes), kib(minified.gzipBytes)],
  ],
)}

Largest contributors (bytes in the bundle, from esbuild's metafile; top ${CONTRIBUTORS}):

${table(['contributor', 'as deployed', 'share', 'minified'], rows)}
`
}

function startup(results: BenchResults): string {
  if (!results.startup.ok) return `## Start-up CPU\n\n${failed(results.startup)}`
  const s = results.startup.value
  const contributors = table(
    ['contributor', 'self time (mean per run)'],
    s.contributors.slice(0, CONTRIBUTORS).map((c) => [c.name, ms(c.ms, 1)]),
  )
  const functions = table(
    ['function (contributor)', 'self time (mean per run)'],
    s.functions.slice(0, 10).map((f) => [f.name, ms(f.ms, 1)]),
  )
  const mapping =
    s.lineMatch < 0.9 ? `\n\nOnly ${percent(s.lineMatch, 1)} of the functions were found on the bundle line the profile gives: the per-contributor split is unreliable.` : ''
  return `## Start-up CPU

\`wrangler check startup\`, ${s.runs} runs: it builds the Worker, starts it in a local workerd and profiles the evaluation of its top-level code (samples every ~1 ms, so the split below is coarse; the profiles are averaged). Active CPU (wrangler's figure): median ${ms(s.activeMs.median, 1)} (min ${ms(s.activeMs.min, 1)}, max ${ms(s.activeMs.max, 1)}), of which garbage collection median ${ms(s.gcMs.median, 1)}.

${contributors}

${functions}${mapping}
`
}

export function renderReport(results: BenchResults): string {
  return [header(results), verdicts(results), latency(results), streaming(results), memory(results), profiles(results), bundle(results), startup(results)].join('\n')
}
