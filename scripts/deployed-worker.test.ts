/// <reference types="node" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Build, buildDeployed } from './bench/build.js'
import { keepAliveAgent, sendOk } from './bench/client.js'
import { copilotKey } from './bench/copilot.js'
import { startFakeUpstream } from './bench/fake-upstream.js'
import { scenarios } from './bench/latency.js'
import { startWorkerd, type Workerd } from './bench/workerd.js'
import { distWorker } from './deployed-worker.js'

// What `npm run deploy` uploads, minified twice (scripts/deployed-worker.ts; the suite's setup
// builds it into dist/), under plain workerd as the bench serves it.
describe('the Worker as deployed', () => {
  const work = mkdtempSync(join(tmpdir(), 'relaykit-deployed-'))
  let build: Build
  let fake: Awaited<ReturnType<typeof startFakeUpstream>>
  let workerd: Workerd

  beforeAll(async () => {
    build = await buildDeployed(work, distWorker())
    fake = await startFakeUpstream()
    workerd = await startWorkerd(build, work, fake.url)
  }, 180_000)

  afterAll(async () => {
    await workerd?.process.stop()
    await fake?.stop()
    rmSync(work, { recursive: true, force: true })
  })

  it("uploads terser's output: one module, with the Durable Objects wrangler.toml binds", () => {
    expect(build.modules.map((module) => module.name)).toEqual(['index.js'])
    expect(build.durableObjects.map((object) => object.className).sort()).toEqual(['ChatKitSessionRecord', 'CopilotAccount', 'CopilotSignIn', 'IdempotencyRecord', 'RateLimiter'])
  })

  it('answers each call the bench measures: chats, streamed chats with every event, GitHub reads, the Copilot bridge', async () => {
    const agent = keepAliveAgent(1)
    try {
      for (const scenario of scenarios(await copilotKey(workerd.relaykit))) {
        const answer = await sendOk(workerd.relaykit, agent, scenario.calls.relaykit)
        if (scenario.stream) expect(answer.stamped, scenario.name).toHaveLength(scenario.stream.chunks)
        else expect(answer.head, scenario.name).toMatch(scenario.name.startsWith('GitHub') ? /"pull_requests":\[\{/ : /"choices":\[\{/)
      }
    } finally {
      agent.destroy()
    }
  })
})
