/// <reference types="node" />
// Vitest globalSetup for the browser tests: runs the real Worker with `wrangler dev` in sandbox
// mode on a free loopback port, waits for GET /health, provides the base URL to the tests
// (`inject('relaykitBaseUrl')`), and on teardown kills wrangler's whole process group (wrangler
// spawns workerd and esbuild) so nothing is left running.
// State (Durable Objects, D1) lives in a fresh temporary directory, never the developer's own
// `.wrangler/state`: the D1 migrations are applied into it first, so every run starts with fresh
// rate-limit buckets and an empty audit trail. The directory is removed at teardown.
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
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
const MIGRATE_TIMEOUT_MS = 60_000

const WRANGLER = resolve(root, 'node_modules/.bin/wrangler')
/** Non-interactive, quiet, and no network calls of wrangler's own. */
const WRANGLER_ENV = {
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  // Also skips the banner's npm update check (a network request).
  WRANGLER_HIDE_BANNER: 'true',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
}

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

/**
 * `wrangler d1 migrations apply AUDIT_DB --local --persist-to <dir>` (CI=true: no prompt); throws
 * with wrangler's output when it fails. Its own process group too, since it runs workerd.
 */
function applyMigrations(persistTo: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WRANGLER, 'd1', 'migrations', 'apply', 'AUDIT_DB', '--local', '--persist-to', persistTo], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: WRANGLER_ENV,
    })
    let output = ''
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-MAX_LOG_CHARS)
    }
    child.stdout?.on('data', append)
    child.stderr?.on('data', append)
    const timer = setTimeout(() => {
      output += `\n(relaykit: killed after ${MIGRATE_TIMEOUT_MS / 1000}s)`
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL')
    }, MIGRATE_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(new Error(`could not run wrangler d1 migrations apply: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) return done()
      fail(new Error(`wrangler d1 migrations apply AUDIT_DB --local --persist-to ${persistTo} failed (${code ?? signal}).\n--- wrangler output ---\n${output}`))
    })
  })
}

export default async function setup(project: TestProject) {
  const persistTo = await mkdtemp(join(tmpdir(), 'relaykit-browser-state-'))
  const removeState = () => rm(persistTo, { recursive: true, force: true })
  try {
    await applyMigrations(persistTo)
  } catch (error) {
    await removeState()
    throw error
  }

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
      WRANGLER,
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
      '--persist-to',
      persistTo,
      '--show-interactive-dev-session=false',
      '--live-reload=false',
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: WRANGLER_ENV,
    },
  )
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const pgid = child.pid
  if (pgid === undefined) {
    await removeState()
    throw new Error('could not start wrangler dev')
  }

  // Safety net if vitest exits without running teardown (e.g. a crash): kill synchronously.
  const killOnExit = () => {
    signalGroup(pgid, 'SIGKILL')
    rmSync(persistTo, { recursive: true, force: true })
  }
  process.once('exit', killOnExit)

  try {
    await waitForHealth(baseUrl, child, () => log)
  } catch (error) {
    await stopGroup(pgid).catch(() => undefined)
    process.off('exit', killOnExit)
    await removeState()
    throw error
  }

  project.provide('relaykitBaseUrl', baseUrl)

  return async function teardown() {
    try {
      await stopGroup(pgid)
      process.off('exit', killOnExit)
    } finally {
      // Only once workerd is gone: it holds the SQLite files open.
      await removeState()
      if (process.env.RELAYKIT_BROWSER_LOG === '1') console.log(`--- wrangler output ---\n${log}`)
    }
  }
}
