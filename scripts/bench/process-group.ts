/// <reference types="node" />
// A child process in its own process group (`detached`), so stopping it also stops whatever it
// spawned (wrangler spawns esbuild and two workerd processes). Its output is kept (the tail) for
// error messages.
import { spawn, type ChildProcess } from 'node:child_process'
import { signalGroup, stopGroup } from '../local/processes.js'
import { onCleanup } from './cleanup.js'

const MAX_LOG_CHARS = 20_000
const STOP_TIMEOUT_MS = 5_000

export interface ProcessGroup {
  /** The leader's pid, which is also the group id. */
  pgid: number
  child: ChildProcess
  /** The latest stdout and stderr, interleaved. */
  output(): string
  /** True once the leader has exited. */
  exited(): boolean
  /** SIGTERM to the group, SIGKILL after a grace period; resolves when the whole group is gone. */
  stop(): Promise<void>
}

export function spawnGroup(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): ProcessGroup {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const pgid = child.pid
  if (pgid === undefined) throw new Error(`could not start ${command} ${args.join(' ')}`)
  let log = ''
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-MAX_LOG_CHARS)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const unregister = onCleanup(() => signalGroup(pgid, 'SIGKILL'))

  return {
    pgid,
    child,
    output: () => log,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      await stopGroup(pgid, STOP_TIMEOUT_MS)
      unregister()
    },
  }
}
