/// <reference types="node" />
// Vitest globalSetup for the browser tests: runs the real Worker with `wrangler dev` in sandbox
// mode on a free loopback port, waits for GET /health, provides the base URL to the tests
// (`inject('relaykitBaseUrl')`), and on teardown kills wrangler's whole process group (wrangler
// spawns workerd and esbuild) so nothing is left running.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234, no trailing slash. */
    relaykitBaseUrl: string
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const HOST = '127.0.0.1'
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 5_000
const MAX_LOG_CHARS = 20_000

/** A port nobody is listening on right now (the OS picks it; tiny race until wrangler binds it). */
function freePort(): Promise<number> {
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

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** True while any process of the group still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // Already gone.
  }
}

/** SIGTERM the group, then SIGKILL whatever is still there after STOP_TIMEOUT_MS. */
async function stopGroup(pgid: number) {
  signalGroup(pgid, 'SIGTERM')
  const deadline = Date.now() + STOP_TIMEOUT_MS
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100)
  if (groupAlive(pgid)) {
    signalGroup(pgid, 'SIGKILL')
    while (groupAlive(pgid) && Date.now() < deadline + STOP_TIMEOUT_MS) await sleep(100)
  }
  if (groupAlive(pgid)) throw new Error(`wrangler dev (process group ${pgid}) survived SIGKILL`)
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
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

export default async function setup(project: TestProject) {
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const baseUrl = `http://${HOST}:${port}`

  let log = ''
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-MAX_LOG_CHARS)
  }

  // Run wrangler's CLI with the Node running vitest (the repo's Node 22; the system Node may be
  // older). `detached` puts wrangler, esbuild and workerd in their own process group.
  const child = spawn(
    process.execPath,
    [
      resolve(root, 'node_modules/.bin/wrangler'),
      'dev',
      '--var',
      'SANDBOX:true',
      '--port',
      String(port),
      '--ip',
      HOST,
      '--inspector-port',
      String(inspectorPort),
      '--inspector-ip',
      HOST,
      '--local',
      '--show-interactive-dev-session=false',
      '--live-reload=false',
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CI: 'true',
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        // Also skips the banner's npm update check (a network request).
        WRANGLER_HIDE_BANNER: 'true',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
    },
  )
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const pgid = child.pid
  if (pgid === undefined) throw new Error('could not start wrangler dev')

  // Safety net if vitest exits without running teardown (e.g. a crash): kill synchronously.
  const killOnExit = () => signalGroup(pgid, 'SIGKILL')
  process.once('exit', killOnExit)

  try {
    await waitForHealth(baseUrl, child, () => log)
  } catch (error) {
    await stopGroup(pgid).catch(() => undefined)
    process.off('exit', killOnExit)
    throw error
  }

  project.provide('relaykitBaseUrl', baseUrl)

  return async function teardown() {
    await stopGroup(pgid)
    process.off('exit', killOnExit)
    if (process.env.RELAYKIT_BROWSER_LOG === '1') console.log(`--- wrangler output ---\n${log}`)
  }
}
