// BENCHMARKS.md from one run: the targets with their verdicts, then each measurement with the
// runtime and command that produced it. Every run rewrites the file in full.
import type { StreamRun } from './big-stream.js'
import type { Build } from './build.js'
import { deltaMs, kib, mib, ms, percent, table } from './numbers.js'
import { LATENCY_STREAM, type measureLatency, type PerSide } from './latency.js'
import type { FirstRequests } from './first-request.js'
import type { Startup } from './startup.js'
import type { Summary } from './numbers.js'

export interface Run {
  command: string
  startedAt: Date
  seconds: number
  source: string
  machine: string
  load: { before: number[]; after: number[] }
  versions: { wrangler: string; terser: string; workerd: string; node: string }
  settings: { pairs: number; warmupPairs: number; inFlight: number; cpuRequests: number; streamMiB: number; startupRuns: number; firstRequestRuns: number }
  build: Build
  startup: Startup
  latency: Awaited<ReturnType<typeof measureLatency>>
  firstRequests: FirstRequests
  streams: PerSide<StreamRun>
}

const TOP = 8
const MiB = 1024 * 1024
const added = (pair: PerSide<Summary>, pick: 'median' | 'p99') => pair.relaykit[pick] - pair.bare[pick]
const growth = (run: StreamRun) => run.rss.peak - run.rss.start
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${mib(Math.abs(bytes))}`

function targets({ latency, streams, build, startup, settings, versions }: Run): string {
  const target = (name: string, measured: string, met: boolean, by: string) => [name, measured, met ? '**met**' : '**missed**', by]
  const workerd = `workerd serve (${versions.workerd})`
  const rows = latency.measured.flatMap(({ scenario, mode, latency: pair, firstEventLag: lag }) => [
    ...(['median', 'p99'] as const).map((pick, index) => {
      const limit = [0.5, 2][index]!
      const measured = `${deltaMs(added(pair, pick))} (relaykit ${ms(pair.relaykit[pick])}, bare ${ms(pair.bare[pick])})`
      return target(`added ${pick} ≤ ${limit} ms: ${scenario.name}, ${mode}`, measured, added(pair, pick) <= limit, workerd)
    }),
    ...(lag
      ? [target(`first streamed byte ≤ 0.5 ms after the upstream's, ${mode}`, `${ms(lag.relaykit.median)} (bare ${ms(lag.bare.median)})`, lag.relaykit.median <= 0.5, workerd)]
      : []),
  ])
  const extra = growth(streams.relaykit) - growth(streams.bare)
  const memory = `RSS growth relaykit ${mib(growth(streams.relaykit))}, bare ${mib(growth(streams.bare))}: ${signedMib(extra)}`
  rows.push(target(`memory within 16 MiB of the bare Worker's on a ${settings.streamMiB} MiB stream`, memory, extra <= 16 * MiB, workerd))
  const size = `${kib(build.gzipBytes)} gzip (${kib(build.bytes)}, ${build.minify ? 'minified' : 'not minified'})`
  rows.push(target('deployed bundle ≤ 100 KiB gzip', size, build.gzipBytes <= 100 * 1024, 'npm run build, then wrangler deploy --dry-run --no-bundle'))
  const { activeMs: cpu } = startup
  const spread = `${ms(cpu.median, 1)} median of ${cpu.count} runs (${ms(cpu.min, 1)}–${ms(cpu.max, 1)})`
  rows.push(target('start-up ≤ 25 ms CPU', spread, cpu.median <= 25, `wrangler check startup (${versions.wrangler})`))
  return `## Targets

${table(['target', 'measured', 'verdict', 'produced by'], rows)}

Where a target is missed, its section below shows what costs the time: the workerd process's CPU per request and, for streams, where the time falls (before the first event, between events, after the last) (latency), the bare Worker's own lag behind the upstream (first byte), RSS after a second stream (memory), the largest contributors (bundle), the heaviest functions (start-up).
`
}

/** A row of relaykit against the bare Worker: median, p99, their ratios and differences. */
function pairRow(label: string, pair: PerSide<Summary>): string[] {
  const [relaykit, bare] = [pair.relaykit, pair.bare]
  const ratio = (pick: 'median' | 'p99') => (relaykit[pick] / bare[pick]).toFixed(2)
  return [label, ms(relaykit.median), ms(bare.median), ratio('median'), deltaMs(added(pair, 'median')), ms(relaykit.p99), ms(bare.p99), ratio('p99'), deltaMs(added(pair, 'p99'))]
}

function latency({ latency, settings, versions, build }: Run): string {
  const header = ['', 'relaykit median', 'bare median', 'ratio', 'added', 'relaykit p99', 'bare p99', 'ratio', 'added']
  const rows = latency.measured.map(({ scenario, mode, latency: pair }) => pairRow(`${scenario.name}, ${mode}`, pair))
  const streamRows = latency.measured.flatMap(({ scenario, mode, firstEventLag, gap, tail }) =>
    firstEventLag && gap && tail
      ? [
          pairRow(`${scenario.name}: first event after the upstream wrote it, ${mode}`, firstEventLag),
          pairRow(`${scenario.name}: gap between events, ${mode}`, gap),
          pairRow(`${scenario.name}: end of the answer after the last event, ${mode}`, tail),
        ]
      : [],
  )
  const cpu = latency.cpuPerRequestMs.map(({ scenario, relaykit, bare }) => [scenario.name, ms(relaykit, 3), ms(bare, 3), deltaMs(relaykit - bare)])
  const unbound = build.unbound.length
    ? `; left unbound, plain workerd having no such binding: ${build.unbound.join(', ')}, so only routes that need none are measured (chats and reads)`
    : ''
  return `## Latency

Produced by: \`workerd serve DIR/workerd.capnp\` (workerd ${versions.workerd}; the config is written by \`scripts/bench/workerd.ts\`; plain workerd: no wrangler, no Miniflare, no asset router), one process serving two Workers on their own loopback ports: relaykit's deployed build (the modules \`npm run deploy\` uploads, as \`wrangler deploy --dry-run\` wrote them, modules format) and a bare Worker (\`scripts/bench/bare-worker.js\`) that forwards method, path and body to the same fake upstream and streams the answer back. The fake upstream (\`scripts/bench/fake-upstream.ts\`, node:http, its own process) answers OpenAI chat completions (JSON and SSE), GitHub's pull request list (GitHub's own example pull request, 21 KiB, 10 of them or 1, which relaykit reads to answer a summary and the bare Worker passes on unread), and for the Copilot bridge GitHub's user and Copilot's token exchange, models and chat completions. The client is node:http with keep-alive connections. relaykit: \`POST /relay/openai/v1/chat/completions\` with X-Relay-Secret, \`POST /chatgpt/prs/list\` with the Actions bearer token, \`POST /<username>/v1/chat/completions\` with a key of an account signed up before the measurements; rate limits off; the Durable Object namespaces the upload binds (from wrangler.toml: ${build.durableObjects.map((o) => o.className).join(', ')}), stored on local disk (the SQLite-backed ones need one)${unbound}.

Each scenario: ${settings.warmupPairs} warm-up pairs, then ${settings.pairs} pairs sequentially and ${settings.pairs} pairs with ${settings.inFlight} in flight; a pair calls both Workers, the order swapped every pair. Percentiles are nearest-rank. "added" is relaykit − bare; "ratio" relaykit / bare.

${table(header, rows)}

Streamed chat: ${LATENCY_STREAM.chunks} content events of ${LATENCY_STREAM.size} characters, each ${LATENCY_STREAM.delayMs} ms after the previous (the first too), each carrying the monotonic time at which the fake upstream wrote it.

${table(header, streamRows)}

CPU of the workerd process per request, ${settings.cpuRequests} sequential requests to each Worker alone (all its threads, from /proc schedstat):

${table(['scenario', 'relaykit', 'bare', 'added'], cpu)}
`
}

function streams({ streams, settings, versions }: Run): string {
  const rows = (['relaykit', 'bare'] as const).map((side) => {
    const { bytesReceived, identical, seconds, rss, processCpuMs, bytesSent } = streams[side]
    const received = `${mib(bytesReceived)}, ${identical ? 'identical' : '**DIFFERENT**'}`
    return [
      side,
      received,
      `${seconds.toFixed(2)} s`,
      `${mib(rss.start)} / ${mib(rss.peak)} / ${mib(rss.end)}`,
      `+${mib(growth(streams[side]))}`,
      mib(rss.afterSecondStream),
      ms(processCpuMs / (bytesSent / MiB)),
    ]
  })
  const { relaykit, bare } = streams
  const addedPerMiB = (relaykit.processCpuMs - bare.processCpuMs) / (relaykit.bytesSent / MiB)
  return `## A ${settings.streamMiB} MiB stream

Produced by: \`workerd serve DIR/workerd.capnp\` (workerd ${versions.workerd}), the same config, a fresh process for each Worker. A streamed chat of ${mib(relaykit.bytesSent)} (50,000-character events, sent as fast as they are read; usage asked for, so relaykit passes every byte on), checked by SHA-256 against what the upstream sent. RSS of the workerd process sampled every 20 ms; CPU of the process (all threads, /proc schedstat) over the stream. Then a second stream like it, after which RSS is read once more.

${table(['Worker', 'received', 'duration', 'RSS start / peak / end', 'RSS growth', 'RSS after a second stream', 'CPU per MiB'], rows)}

relaykit's CPU beyond the bare Worker's: ${ms(addedPerMiB)} per MiB, which is the work of relaykit's isolate on the body: the bare Worker returns the upstream's body to workerd unread, so workerd pipes it natively and the bytes never enter JavaScript. relaykit reads the body into its isolate (\`src/dialects/openai/event-relay.ts\`) to forward whole SSE events only (so that a broken stream can end on a clean error event) and to find the usage chunk (logged, and dropped unless the caller asked for it): with a BYOB reader into one reused 64 KiB buffer, writing what each read holds of whole events in one piece to an IdentityTransformStream, which copies it. No buffer is allocated per read: a fresh one per read (workerd's default reader allocates 4 KiB each) left the whole stream for the garbage collector, and RSS grew with the stream up to about 110 MiB. What still grows is workerd's own bookkeeping of each read and write from JavaScript, also freed late: it grows with the number of reads (about one per chunk the upstream writes), not with the bytes. An event is decoded only if it is at most 4 KiB and its bytes hold \`[]\` (OpenAI's usage chunk has \`"choices":[]\`); this stream's events are 50,000 characters, so none is. Touching fewer bytes would take not reading the body in JavaScript at all and returning it to workerd as the bare Worker does, at the price of the usage log line, the dropping of an unasked-for usage chunk and the clean error event on a broken stream.
`
}

function bundle(run: Run): string {
  const { build } = run
  const main = build.contributors.reduce((sum, c) => sum + c.bytes, 0)
  const rows = build.contributors.slice(0, TOP).map((c) => [c.name, kib(c.bytes), percent(c.bytes, main)])
  return `## Deployed bundle

Produced by: \`${build.command}\` (wrangler ${run.versions.wrangler}, terser ${run.versions.terser}), as \`npm run deploy\` builds and uploads it (\`scripts/deployed-worker.ts\`): wrangler bundles wrangler.toml's \`main\`, \`dist/src/index.ts\`, which \`scripts/deployed-sources.ts\` writes before the build as \`src/\` without what only the OpenAPI documents read (schemas' \`.openapi()\` calls, routes' prose, tags and responses, security schemes' descriptions), ${build.minify ? 'minified (`minify = true` in wrangler.toml)' : 'not minified (wrangler.toml does not set `minify = true`)'}, and terser minifies that bundle once more. Size: every module of the upload, i.e. everything the last command's outdir holds but wrangler's README.md: ${kib(build.bytes)}, ${kib(build.gzipBytes)} gzip (node:zlib over the modules, as wrangler counts its "Total Upload"); wrangler's own bundle, before terser: ${kib(build.wranglerGzipBytes)} gzip. Modules: ${build.modules.map((m) => `${m.name} (${m.type})`).join(', ')}.

Not counted: the static assets (\`public/\`: Scalar's script and the docs page, which is rendered at build time, the two specs, the Copilot bridge's pages and the tokenizer's ranks, which the Worker reads through its ASSETS binding), uploaded apart from the Worker.

\`zod/v4/locales\` in the bundle, beyond the default \`en\`: ${build.localesBytes > 0 ? `**yes**, ${kib(build.localesBytes)}` : 'no'}; zod's JSON Schema conversion: ${build.jsonSchemaBytes > 0 ? `**yes**, ${kib(build.jsonSchemaBytes)}` : 'no'} (\`npm run check:bundle\` fails on either yes).

Largest contributors to the main module (bytes in wrangler's bundle, before terser, from esbuild's metafile):

${table(['contributor', 'bytes', 'share'], rows)}
`
}

const selfTimes = (list: Array<{ name: string; ms: number }>, count: number) => list.slice(0, count).map((entry) => [entry.name, ms(entry.ms, 1)])

function startup(run: Run): string {
  const s = run.startup
  return `## Start-up

Produced by: \`${s.command}\`, ${s.activeMs.count} runs (wrangler ${run.versions.wrangler}: it loads the upload built above in a local workerd and profiles the import of the main module, sampling about once a millisecond). The import builds the platform and the route table; not zod, no relay's contract or routes, nor relaykit's own routes (the first request to each builds them: "The first request" above). CPU ("Active", wrangler's figure): median ${ms(s.activeMs.median, 1)}, min ${ms(s.activeMs.min, 1)}, max ${ms(s.activeMs.max, 1)}; garbage collection median ${ms(s.gcMs.median, 1)}. Self time per run (summed over the runs, divided by their number), placed through the bundle's source map:

${table(['contributor', 'self time'], selfTimes(s.contributors, TOP))}

${table(['function', 'self time'], selfTimes(s.functions, 12))}
`
}

function firstRequests(run: Run): string {
  const f = run.firstRequests
  const row = (side: 'relaykit' | 'bare') => [side, `${ms(f[side].first.median)} (${ms(f[side].first.min)}–${ms(f[side].first.max)})`, ms(f[side].second.median)]
  return `## The first request

Produced by: \`workerd serve\` (workerd ${run.versions.workerd}), the same config, a fresh process for each of ${f.relaykit.first.count} runs: a non-streamed chat to each Worker (which goes first alternates), then a second one. relaykit starts without building any relay, or loading zod (the start-up below), and builds the OpenAI relay's contract and routes on its first request, zod with them, so that request pays for them; the first request to each Worker also opens its connection.

${table(['Worker', 'first request, median (min–max)', 'second request, median'], [row('relaykit'), row('bare')])}

relaykit's first request beyond the bare Worker's: ${deltaMs(f.relaykit.first.median - f.bare.first.median)}.
`
}

export function renderReport(run: Run): string {
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ')
  return `# Benchmarks

Written by \`${run.command}\` on ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${run.seconds.toFixed(0)} s, from ${run.source}. Every run rewrites this file in full. No figure here comes from \`wrangler dev\`.

Machine: ${run.machine}; Node ${run.versions.node}. Load average (1 / 5 / 15 min): ${load(run.load.before)} before, ${load(run.load.after)} after; whatever else runs on the machine falls on relaykit and the bare Worker alike, their requests being interleaved.

${[targets(run), latency(run), firstRequests(run), streams(run), bundle(run), startup(run)].join('\n')}`
}
