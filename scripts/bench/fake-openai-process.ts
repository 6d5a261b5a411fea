/// <reference types="node" />
// Starts fake-openai-server.ts in a process of its own (its work must not share the client's
// event loop) and waits for the port it listens on.
import { resolve } from 'node:path'
import { benchDir, repoRoot } from './paths.js'
import { spawnGroup } from './process-group.js'

export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:40001 */
  baseUrl: string
  port: number
  stop(): Promise<void>
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const group = spawnGroup(process.execPath, ['--import', 'tsx', resolve(benchDir, 'fake-openai-server.ts')], { cwd: repoRoot, env: process.env })
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const port = /listening on (\d+)/.exec(group.output())?.[1]
    if (port) return { baseUrl: `http://127.0.0.1:${port}`, port: Number(port), stop: group.stop }
    if (group.exited()) break
    await new Promise((done) => setTimeout(done, 50))
  }
  await group.stop()
  throw new Error(`the fake OpenAI did not start:\n${group.output()}`)
}
