/// <reference types="node" />
// What the bench and the tests that run `wrangler dev` share: loopback ports, wrangler's command
// and quiet offline environment, and process groups (wrangler spawns esbuild and workerd, so
// stopping it means stopping its whole group).
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const HOST = '127.0.0.1'

/** The repository root (relaykit's wrangler.toml is here). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** wrangler's CLI script, run with this Node (the repo's Node 22; the system's may be older). */
export const wranglerBin = resolve(repoRoot, 'node_modules/.bin/wrangler')

/** Non-interactive, uncoloured, and no network calls of wrangler's own (metrics, error reports, the banner's update check). */
export const wranglerEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CI: 'true',
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

export function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // Already gone.
  }
}

/** True while any process of the group still exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the whole group is gone. */
export async function stopGroup(pgid: number, graceMs = 5_000) {
  signalGroup(pgid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50)
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL')
  while (groupAlive(pgid) && Date.now() < deadline + graceMs) await sleep(50)
  if (groupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`)
}
