/// <reference types="node" />
// What the bench measures, started and ready: the fake OpenAI (also called directly), the bare
// Worker, the bare Worker with relaykit's platform costs (assets, log lines), and relaykit. Each
// comes with the one client code path (a keep-alive agent per target).
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai-process.js'
import { HOST } from '../local/processes.js'
import { keepAliveAgent, type Target } from './http-client.js'
import type { LatencyTarget } from './latency.js'
import { cpuMillis } from './proc.js'
import { relaykitCompatibilityArgs } from './relaykit-compatibility.js'
import { checkRelay, RELAY_PATH, relayMissing, startRelaykit } from './relaykit-target.js'
import { startWranglerDev, type WranglerDev } from './wrangler-process.js'

/** JSON lines relaykit logs per chat completion: its request log and its usage log. */
const RELAYKIT_LOG_LINES = 2

export interface Worker {
  dev: WranglerDev
  entry: LatencyTarget
}

export interface BenchTargets {
  fake: FakeOpenAI
  /** direct, bare, bare+platform, relaykit (when it runs), in that order. */
  entries: LatencyTarget[]
  /** The Workers among them, by target name. */
  workers: Map<string, Worker>
  /** Why relaykit is not among them. */
  relaykitMissing?: string
  stop(): Promise<void>
}

/** Runs the Workers of the work tree `tree`. */
export async function startBenchTargets(tree: string, concurrency: number, log: (message: string) => void): Promise<BenchTargets> {
  const stoppers: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch((error: Error) => log(`stop: ${error.message}`))
  }
  try {
    const fake = await startFakeOpenAI()
    stoppers.push(fake.stop)
    const upstream = `${fake.baseUrl}/v1/chat/completions`
    const compatibility = relaykitCompatibilityArgs(tree)
    let relaykitMissing = relayMissing(tree)
    // wrangler dev builds and starts in parallel: the bench starts in ~15 s instead of ~40 s.
    const [bare, barePlatform, relaykit] = await Promise.all([
      startWranglerDev({ label: 'bare', cwd: tree, config: 'scripts/bench/bare-wrangler.toml', vars: { UPSTREAM_URL: upstream }, extraArgs: compatibility }),
      startWranglerDev({
        label: 'bare+platform',
        cwd: tree,
        config: 'scripts/bench/bare-platform-wrangler.toml',
        vars: { UPSTREAM_URL: upstream, LOG_LINES: String(RELAYKIT_LOG_LINES) },
        extraArgs: compatibility,
      }),
      relaykitMissing === undefined
        ? startRelaykit(tree, fake.baseUrl).catch((error: Error) => {
            relaykitMissing = `wrangler dev did not start relaykit: ${error.message.slice(0, 2000)}`
            return undefined
          })
        : undefined,
    ])
    stoppers.push(bare.stop, barePlatform.stop)
    if (relaykit) {
      stoppers.push(relaykit.dev.stop)
      await checkRelay(relaykit).catch((error: Error) => {
        relaykitMissing = `the openai relay does not answer yet: ${error.message}`
      })
    }
    // Every target gets the same headers, relaykit's bearer token included (the others ignore it).
    const secret = relaykit?.secret ?? 'unused'
    const target = (name: string, port: number, path: string): Target => ({ name, host: HOST, port, path, headers: { authorization: `Bearer ${secret}` } })
    const workers = new Map<string, Worker>()
    const addWorker = (dev: WranglerDev, path: string) =>
      workers.set(dev.label, { dev, entry: { target: target(dev.label, dev.port, path), agent: keepAliveAgent(concurrency), cpuMillis: () => cpuMillis(dev.workerPid()) } })
    addWorker(bare, '/v1/chat/completions')
    addWorker(barePlatform, '/v1/chat/completions')
    if (relaykit && relaykitMissing === undefined) addWorker(relaykit.dev, RELAY_PATH)
    const direct: LatencyTarget = { target: target('direct', fake.port, '/v1/chat/completions'), agent: keepAliveAgent(concurrency) }
    return {
      fake,
      entries: [direct, ...[...workers.values()].map((worker) => worker.entry)],
      workers,
      ...(relaykitMissing === undefined ? {} : { relaykitMissing }),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
