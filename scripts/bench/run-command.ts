/// <reference types="node" />
// Runs a short-lived command (a wrangler build or check) to completion in its own process group,
// so a timeout or Ctrl-C also stops what it spawned (workerd, esbuild).
import { spawnGroup } from './process-group.js'

export interface CommandResult {
  code: number | null
  output: string
}

export async function runCommand(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<CommandResult> {
  const group = spawnGroup(command, args, options)
  const timer = setTimeout(() => void group.stop(), options.timeoutMs)
  const code = await new Promise<number | null>((done) => group.child.once('close', (exitCode) => done(exitCode)))
  clearTimeout(timer)
  await group.stop() // Whatever it left behind in its group.
  return { code, output: group.output() }
}
