/// <reference types="node" />
// Runs the real Worker with `wrangler dev` for tests that talk to it over HTTP (the browser tests,
// the real-client tests): offline, on a free loopback port, with its state (Durable Objects, D1) in
// a fresh temporary directory, never the developer's own `.wrangler/state`. wrangler spawns
// workerd and esbuild, so it runs in its own process group and `stop()` kills the whole group.
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, HOST, repoRoot, signalGroup, stopGroup, wranglerBin, wranglerEnv } from '../../scripts/local/processes.js'

export interface WranglerDevOptions {
  /** The Worker's entry: the deployed one (wrangler.toml `main`) unless named, e.g. the sandbox's. */
  entry?: string
  /** Bindings passed as `--var NAME:value`, as wrangler.toml `[vars]` would set them. */
  vars: Record<string, string>
  /** Apply the D1 migrations into the fresh state first (anything writing the audit trail needs them). */
  applyMigrations?: boolean
}

export interface WranglerDev {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  baseUrl: string
  /** wrangler's latest output (the Worker's console included), for failure messages. */
  log(): string
  /** Kills wrangler's process group, then removes its state directory. */
  stop(): Promise<void>
}

const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 5_000
const MIGRATE_TIMEOUT_MS = 60_000
const MAX_LOG_CHARS = 20_000

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

interface WranglerProcess {
  child: ChildProcess
  pgid: number
  output(): string
}

/**
 * Runs wrangler's CLI with the Node running vitest (the repo's Node 22; the system Node may be
 * older). `detached` makes it the leader of a new process group, with workerd and esbuild in it.
 */
function spawnWrangler(args: string[]): WranglerProcess {
  const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: wranglerEnv })
  let output = ''
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_LOG_CHARS)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  if (child.pid === undefined) throw new Error(`could not start wrangler ${args[0]}`)
  return { child, pgid: child.pid, output: () => output }
}

/** `wrangler d1 migrations apply AUDIT_DB --local` into `persistTo` (CI=true: no prompt). */
function applyMigrations(persistTo: string): Promise<void> {
  const { child, pgid, output } = spawnWrangler(['d1', 'migrations', 'apply', 'AUDIT_DB', '--local', '--persist-to', persistTo])
  return new Promise((done, fail) => {
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      signalGroup(pgid, 'SIGKILL')
    }, MIGRATE_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(new Error(`could not run wrangler d1 migrations apply: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) return done()
      fail(
        new Error(
          `wrangler d1 migrations apply AUDIT_DB --local --persist-to ${persistTo} failed (${timedOut ? `killed after ${MIGRATE_TIMEOUT_MS / 1000}s` : (code ?? signal)}).\n--- wrangler output ---\n${output()}`,
        ),
      )
    })
  })
}

async function waitForHealth(baseUrl: string, { child, output }: WranglerProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wrangler dev exited early (${child.exitCode ?? child.signalCode}) before ${baseUrl}/health answered.\n--- wrangler output ---\n${output()}`)
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) })
      await response.body?.cancel()
      if (response.status === 200) return
      lastProblem = `GET /health answered ${response.status}`
    } catch (error) {
      lastProblem = String((error as Error).cause ?? error)
    }
    await sleep(250)
  }
  throw new Error(`wrangler dev did not answer 200 on ${baseUrl}/health within ${READY_TIMEOUT_MS / 1000}s (last: ${lastProblem}).\n--- wrangler output ---\n${output()}`)
}

/** Starts `wrangler dev --local` on `entry` with `vars` and fresh state, and resolves once GET /health answers 200. */
export async function startWranglerDev({ entry, vars, applyMigrations: migrate = false }: WranglerDevOptions): Promise<WranglerDev> {
  const persistTo = await mkdtemp(join(tmpdir(), 'relaykit-wrangler-state-'))
  // Only once workerd is gone: it holds the SQLite files open.
  const removeState = () => rm(persistTo, { recursive: true, force: true })

  let wrangler: WranglerProcess
  let baseUrl: string
  try {
    if (migrate) await applyMigrations(persistTo)
    const [port, inspectorPort] = [await freePort(), await freePort()]
    baseUrl = `http://${HOST}:${port}`
    const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`])
    wrangler = spawnWrangler([
      'dev',
      ...(entry ? [entry] : []),
      ...varArgs,
      ...['--port', String(port), '--ip', HOST],
      ...['--inspector-port', String(inspectorPort), '--inspector-ip', HOST],
      ...['--local', '--persist-to', persistTo],
      '--show-interactive-dev-session=false',
      '--live-reload=false',
    ])
  } catch (error) {
    await removeState()
    throw error
  }
  const { pgid } = wrangler

  // Safety net if the test run exits without calling stop() (e.g. a crash): kill synchronously.
  const killOnExit = () => {
    signalGroup(pgid, 'SIGKILL')
    rmSync(persistTo, { recursive: true, force: true })
  }
  process.once('exit', killOnExit)

  const stop = async () => {
    try {
      await stopGroup(pgid, STOP_TIMEOUT_MS)
      process.off('exit', killOnExit)
    } finally {
      await removeState()
    }
  }

  try {
    await waitForHealth(baseUrl, wrangler)
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
  return { baseUrl, log: wrangler.output, stop }
}
