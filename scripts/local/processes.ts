/// <reference types="node" />
// What the bench and the tests that run local servers share: loopback ports, wrangler's command and
// quiet offline environment, and processes started as process groups (wrangler spawns esbuild and
// workerd, so stopping it means stopping its whole group).
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const HOST = '127.0.0.1'

/** The repository root (relaykit's wrangler.toml is here). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * wrangler's CLI script, run with this Node (the repo's Node 22; the system's may be older): the
 * package's own, since npm's node_modules/.bin entry is a shell script on Windows.
 */
export const wranglerBin = resolve(
  repoRoot,
  'node_modules/wrangler',
  (JSON.parse(readFileSync(resolve(repoRoot, 'node_modules/wrangler/package.json'), 'utf8')) as { bin: { wrangler: string } }).bin.wrangler,
)

/**
 * Non-interactive, uncoloured, and no network calls of wrangler's own (metrics, error reports, the
 * banner's update check, Miniflare's `Request.cf` lookup: relaykit reads nothing from it).
 */
export const wranglerEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CI: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
}

/** A loopback port nobody listens on right now (the OS picks it; tiny race until it is bound). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') return reject(new Error('no port'))
      server.close(() => resolvePort(address.port))
    })
  })
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // Already gone.
  }
}

/** True while any process of the group still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the whole group is gone. */
async function stopGroup(pgid: number, graceMs = 5_000) {
  signalGroup(pgid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50)
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL')
  while (groupAlive(pgid) && Date.now() < deadline + graceMs) await sleep(50)
  if (groupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`)
}

const MAX_OUTPUT_CHARS = 20_000

export interface GroupProcess {
  child: ChildProcess
  /** The child's pid, which is also its process group's id. */
  pid: number
  /** Its latest output, for failure messages. */
  output(): string
  /** Stops the whole group (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>
}

interface StartOptions {
  env?: NodeJS.ProcessEnv
  /** Discard stdout and keep only stderr: for a Worker's console.log lines under load, which nobody reads. */
  quietStdout?: boolean
}

/**
 * Starts `command` in the repository as the leader of a new process group, so that stop() also
 * ends whatever it spawns. If this process exits without calling stop() (a crash), the group is killed.
 */
export function startGroup(command: string, args: string[], { env = process.env, quietStdout = false }: StartOptions = {}): GroupProcess {
  const child = spawn(command, args, { cwd: repoRoot, detached: true, stdio: ['ignore', quietStdout ? 'ignore' : 'pipe', 'pipe'], env })
  if (child.pid === undefined) throw new Error(`could not start ${command}`)
  const pid = child.pid
  let output = ''
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const killOnExit = () => signalGroup(pid, 'SIGKILL')
  process.once('exit', killOnExit)
  const stop = async (graceMs?: number) => {
    try {
      await stopGroup(pid, graceMs)
    } finally {
      process.off('exit', killOnExit)
    }
  }
  return { child, pid, output: () => output, stop }
}

/** Runs `command` to its end; rejects with its output when it fails or outlives `timeoutMs` (its group is then killed). */
export function runGroup(command: string, args: string[], timeoutMs: number, options: StartOptions = {}): Promise<string> {
  const run = startGroup(command, args, options)
  const described = [command, ...args].join(' ')
  return new Promise((done, fail) => {
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      signalGroup(run.pid, 'SIGKILL')
    }, timeoutMs)
    run.child.on('error', (error) => {
      clearTimeout(timer)
      fail(new Error(`could not run ${described}: ${error.message}`))
    })
    run.child.on('close', async (code, signal) => {
      clearTimeout(timer)
      // Whatever it spawned and left behind goes with it.
      await run.stop().catch(() => undefined)
      if (code === 0) return done(run.output())
      fail(new Error(`${described} failed (${timedOut ? `killed after ${timeoutMs / 1000}s` : (code ?? signal)}).\n--- its output ---\n${run.output()}`))
    })
  })
}

/** Resolves once GET `url` answers 200; rejects when `server` exits first or `timeoutMs` passes. */
export async function waitForOk(url: string, server: GroupProcess, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  let lastProblem = 'no answer yet'
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = server.child
    if (exitCode !== null || signalCode !== null)
      throw new Error(`${name} exited early (${exitCode ?? signalCode}) before ${url} answered.\n--- its output ---\n${server.output()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.body?.cancel()
      if (response.status === 200) return
      lastProblem = `GET answered ${response.status}`
    } catch (error) {
      lastProblem = String((error as Error).cause ?? error)
    }
    await sleep(100)
  }
  throw new Error(`${name} did not answer 200 on ${url} within ${timeoutMs / 1000}s (last: ${lastProblem}).\n--- its output ---\n${server.output()}`)
}
