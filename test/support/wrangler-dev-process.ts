/// <reference types="node" />
// Runs the real Worker with `wrangler dev` for tests that talk to it over HTTP (the browser tests,
// the real-client tests): offline, on a free loopback port, with its state (Durable Objects, D1) in
// a fresh temporary directory, never the developer's own `.wrangler/state`. wrangler spawns
// workerd and esbuild, so it runs in its own process group and `stop()` kills the whole group.
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DIST_WORKER } from '../../scripts/deployed-worker.js'
import { freePort, type GroupProcess, HOST, runGroup, startGroup, waitForOk, wranglerBin, wranglerEnv } from '../../scripts/local/processes.js'

/** The Worker `npm run deploy` uploads (scripts/deployed-worker.ts), which vitest.clients.config.ts builds first. */
const DEPLOYED_WORKER = `${DIST_WORKER}/index.js`

export interface WranglerDevOptions {
  /**
   * A source entry for wrangler to bundle, e.g. the sandbox's; unless named, the Worker as
   * `npm run deploy` uploads it (DEPLOYED_WORKER), run as it is.
   */
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

/** Runs wrangler's CLI with the Node running vitest (the repo's Node 22; the system Node may be older). */
const wranglerArgs = (args: string[]) => [wranglerBin, ...args]

/** `wrangler d1 migrations apply AUDIT_DB --local` into `persistTo` (CI=true: no prompt). */
async function applyMigrations(persistTo: string): Promise<void> {
  await runGroup(process.execPath, wranglerArgs(['d1', 'migrations', 'apply', 'AUDIT_DB', '--local', '--persist-to', persistTo]), MIGRATE_TIMEOUT_MS, { env: wranglerEnv })
}

/** Starts `wrangler dev --local` on `entry` with `vars` and fresh state, and resolves once GET /health answers 200. */
export async function startWranglerDev({ entry, vars, applyMigrations: migrate = false }: WranglerDevOptions): Promise<WranglerDev> {
  const persistTo = await mkdtemp(join(tmpdir(), 'relaykit-wrangler-state-'))
  // Only once workerd is gone: it holds the SQLite files open.
  const removeState = () => rm(persistTo, { recursive: true, force: true })

  let wrangler: GroupProcess
  let baseUrl: string
  try {
    if (migrate) await applyMigrations(persistTo)
    const [port, inspectorPort] = [await freePort(), await freePort()]
    baseUrl = `http://${HOST}:${port}`
    const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`])
    const args = [
      'dev',
      ...(entry ? [entry] : ['--no-bundle', '--no-minify', DEPLOYED_WORKER]),
      ...varArgs,
      ...['--port', String(port), '--ip', HOST],
      ...['--inspector-port', String(inspectorPort), '--inspector-ip', HOST],
      ...['--local', '--persist-to', persistTo],
      '--show-interactive-dev-session=false',
      '--live-reload=false',
    ]
    wrangler = startGroup(process.execPath, wranglerArgs(args), { env: wranglerEnv })
  } catch (error) {
    await removeState()
    throw error
  }

  // Safety net if the test run exits without calling stop() (e.g. a crash); startGroup kills wrangler's group.
  const removeStateOnExit = () => rmSync(persistTo, { recursive: true, force: true })
  process.once('exit', removeStateOnExit)

  const stop = async () => {
    try {
      await wrangler.stop(STOP_TIMEOUT_MS)
      process.off('exit', removeStateOnExit)
    } finally {
      await removeState()
    }
  }

  try {
    await waitForOk(`${baseUrl}/health`, wrangler, 'wrangler dev', READY_TIMEOUT_MS)
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
  return { baseUrl, log: wrangler.output, stop }
}
