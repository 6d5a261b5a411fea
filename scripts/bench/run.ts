/// <reference types="node" />
// `npm run bench`: relaykit's performance on this machine, in one run, against a fake OpenAI on
// loopback, compared with calling the fake directly and with a bare forwarding Worker. Writes
// BENCHMARKS.md (fully regenerated) and prints it. `npm run bench -- --quick` runs fewer requests
// (for working on the bench itself; its numbers are noisier).
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { startBenchTargets, type BenchTargets } from './bench-targets.js'
import { measureBundle } from './bundle.js'
import { keepAliveAgent } from './http-client.js'
import { concurrent, sequential } from './latency.js'
import { describeMachine, loadAverage } from './machine.js'
import { memoryDuringStream, type MemoryResult } from './memory.js'
import { repoRoot } from './paths.js'
import { renderReport } from './report.js'
import { profileRequests, type RequestProfile } from './request-profile.js'
import type { BenchResults, Outcome, Settings } from './results.js'
import { describeWorkTree, snapshotWorkTree } from './snapshot.js'
import { measureStartup } from './startup.js'
import { profileStream, type StreamProfile } from './stream-profile.js'
import { streaming } from './streaming.js'
import { tempDir } from './temp-dir.js'

const quick = process.argv.includes('--quick')
const settings: Settings = {
  sequentialWarmup: quick ? 50 : 100,
  sequentialRequests: quick ? 200 : 1000,
  concurrentRequests: quick ? 400 : 2000,
  concurrency: 16,
  streams: quick ? 5 : 20,
  streamChunks: 50,
  streamDelayMs: 10,
  streamChunkSize: 100,
  // 2000 events of 50,000 characters: 100 MB of content.
  memoryChunks: 2000,
  memoryChunkSize: 50_000,
  startupRuns: quick ? 2 : 5,
  profiledRequests: quick ? 200 : 1000,
}
/** The Workers whose memory and CPU profile are taken (bare+platform would only repeat bare). */
const PROFILED = ['bare', 'relaykit']

const log = (message: string) => console.log(`bench: ${message}`)

/** Runs a stage; a failure becomes the stage's reason instead of ending the whole run. */
async function stage<T>(name: string, work: () => Promise<T>): Promise<Outcome<T>> {
  log(`${name}…`)
  const began = Date.now()
  try {
    const value = await work()
    log(`${name} done in ${((Date.now() - began) / 1000).toFixed(1)}s`)
    return { ok: true, value }
  } catch (error) {
    const reason = (error as Error).message
    log(`${name} FAILED: ${reason}`)
    return { ok: false, reason }
  }
}

type ServedResults = Pick<BenchResults, 'sequential' | 'concurrent' | 'streaming' | 'memory' | 'requestProfiles' | 'streamProfiles'>

/** The stages that talk to the running servers: timed ones first, profiled ones last. */
async function measureServed(targets: BenchTargets, work: string): Promise<ServedResults> {
  const { entries, workers } = targets
  const sequentialResult = await stage('sequential latency', () => sequential(entries, settings.sequentialWarmup, settings.sequentialRequests))
  const concurrentResult = await stage('concurrent latency', () => concurrent(entries, settings.concurrentRequests, settings.concurrency, 4))
  const shape = { chunks: settings.streamChunks, size: settings.streamChunkSize, delayMs: settings.streamDelayMs }
  const streamingResult = await stage('streaming', () => streaming(entries, shape, settings.streams, 2))

  const profiled = PROFILED.flatMap((name) => (workers.has(name) ? [[name, workers.get(name)!] as const] : []))
  const bigStream = { chunks: settings.memoryChunks, size: settings.memoryChunkSize, delayMs: 0 }
  const memory = new Map<string, Outcome<MemoryResult>>()
  for (const [name, { dev, entry }] of profiled) {
    // Its own connection, so the stream shares no socket with anything else.
    const target = { target: entry.target, agent: keepAliveAgent(1), workerPid: dev.workerPid(), proxyPid: dev.proxyPid(), inspectorPort: dev.inspectorPort }
    memory.set(name, await stage(`100 MB stream through ${name}`, () => memoryDuringStream(target, { ...bigStream, id: `memory-${name}` }, targets.fake.baseUrl)))
  }
  const requestProfiles = new Map<string, Outcome<RequestProfile>>()
  const streamProfiles = new Map<string, Outcome<StreamProfile>>()
  for (const [name, { dev, entry }] of profiled) {
    const requestsFile = resolve(work, `requests-${name}.cpuprofile`)
    requestProfiles.set(name, await stage(`CPU profile of ${name} requests`, () => profileRequests(dev, entry, settings.profiledRequests, requestsFile)))
    const streamFile = resolve(work, `stream-${name}.cpuprofile`)
    streamProfiles.set(name, await stage(`CPU profile of a 100 MB stream through ${name}`, () => profileStream(dev, { ...entry, agent: keepAliveAgent(1) }, bigStream, streamFile)))
  }
  return { sequential: sequentialResult, concurrent: concurrentResult, streaming: streamingResult, memory, requestProfiles, streamProfiles }
}

async function main() {
  const startedAt = new Date()
  const loadBefore = loadAverage()
  const work = tempDir('work')
  const workTree = describeWorkTree()
  const tree = snapshotWorkTree()

  log('starting the fake OpenAI and the Workers (wrangler dev)…')
  const targets = await startBenchTargets(tree, settings.concurrency, log)
  let served: ServedResults
  try {
    log(
      `targets: ${targets.entries.map((entry) => `${entry.target.name} :${entry.target.port}`).join(', ')}${targets.relaykitMissing ? `; relaykit not measured: ${targets.relaykitMissing}` : ''}`,
    )
    served = await measureServed(targets, work)
  } finally {
    // Stop the servers before the build and start-up stages, which want the CPU to themselves.
    await targets.stop()
  }

  const bundle = await stage('bundle size', () => measureBundle(tree, work))
  const startup = bundle.ok
    ? await stage('start-up CPU', () => measureStartup(tree, work, bundle.value.bundlePath, settings.startupRuns))
    : { ok: false as const, reason: 'no bundle to map the profile onto' }

  const report = renderReport({
    command: quick ? 'npm run bench -- --quick' : 'npm run bench',
    workTree,
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    machine: describeMachine(),
    loadBefore,
    loadAfter: loadAverage(),
    settings,
    ...(targets.relaykitMissing === undefined ? {} : { relaykitMissing: targets.relaykitMissing }),
    ...served,
    bundle,
    startup,
  })
  writeFileSync(resolve(repoRoot, 'BENCHMARKS.md'), report)
  console.log(`\n${report}`)
  log(`wrote BENCHMARKS.md in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)}s`)
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench: ${error.stack ?? error.message}`)
    process.exit(1)
  },
)
