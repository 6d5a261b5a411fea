/// <reference types="node" />
// One Worker under `wrangler dev` for the bench: offline, not in sandbox mode, on a free loopback
// port, with its state in a fresh temporary directory. wrangler runs two workerd processes: a
// proxy listening on the port we chose, and the one running the Worker itself (on a port of its
// own); the bench needs the latter's pid to sample its memory and CPU.
import { freePort, HOST } from '../local/processes.js'
import { spawnGroup } from './process-group.js'
import { processesInGroup } from './proc.js'
import { wranglerBin, wranglerEnv } from './paths.js'
import { tempDir } from './temp-dir.js'

const READY_TIMEOUT_MS = 90_000

export interface WranglerDevOptions {
  /** For messages, e.g. "relaykit". */
  label: string
  /** The work tree to run in (a snapshot of the repository, see snapshot.ts). */
  cwd: string
  /** wrangler config file relative to `cwd`; wrangler.toml when absent. */
  config?: string
  /** Bindings passed as `--var NAME:value`. */
  vars: Record<string, string>
  /** More `wrangler dev` arguments. */
  extraArgs?: string[]
}

export interface WranglerDev {
  label: string
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  baseUrl: string
  port: number
  /** wrangler's inspector (Chrome DevTools protocol) for the Worker. */
  inspectorPort: number
  /** The workerd process that runs the Worker's code. */
  workerPid(): number
  /** The workerd process that proxies our port to it. */
  proxyPid(): number
  output(): string
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const persistTo = tempDir(`${options.label}-state`)
  const args = [
    wranglerBin,
    'dev',
    ...(options.config ? ['--config', options.config] : []),
    '--port',
    String(port),
    '--ip',
    HOST,
    // An explicit port: the default (9229) may be taken by another wrangler dev on this machine.
    '--inspector-port',
    String(inspectorPort),
    '--inspector-ip',
    HOST,
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
    '--live-reload=false',
    ...Object.entries(options.vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ...(options.extraArgs ?? []),
  ]
  const group = spawnGroup(process.execPath, args, { cwd: options.cwd, env: wranglerEnv })
  const baseUrl = `http://${HOST}:${port}`

  const workerd = () => processesInGroup(group.pgid).filter((p) => p.comm === 'workerd')
  const isProxy = (cmdline: string) => cmdline.includes(`--socket-addr=entry=${HOST}:${port} `) || cmdline.endsWith(`--socket-addr=entry=${HOST}:${port}`)
  const pick = (proxy: boolean) => {
    const found = workerd().filter((p) => isProxy(p.cmdline) === proxy)
    if (found.length !== 1) {
      throw new Error(`${options.label}: expected one ${proxy ? 'proxy' : 'Worker'} workerd in process group ${group.pgid}, found ${found.length}`)
    }
    return found[0]!.pid
  }

  try {
    await waitUntilServing(baseUrl, options.label, group)
  } catch (error) {
    await group.stop().catch(() => undefined)
    throw error
  }
  return {
    label: options.label,
    baseUrl,
    port,
    inspectorPort,
    workerPid: () => pick(false),
    proxyPid: () => pick(true),
    output: group.output,
    stop: group.stop,
  }
}

/** Until the port answers HTTP (any status: the Workers differ, and only the answer matters). */
async function waitUntilServing(baseUrl: string, label: string, group: { exited(): boolean; output(): string }) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let last = 'no answer yet'
  while (Date.now() < deadline) {
    if (group.exited()) throw new Error(`${label}: wrangler dev exited early.\n--- wrangler output ---\n${group.output()}`)
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5_000) })
      await response.body?.cancel()
      return
    } catch (error) {
      last = String((error as Error).cause ?? error)
    }
    await sleep(250)
  }
  throw new Error(`${label}: wrangler dev did not serve ${baseUrl} within ${READY_TIMEOUT_MS / 1000}s (last: ${last}).\n--- wrangler output ---\n${group.output()}`)
}
