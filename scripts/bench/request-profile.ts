/// <reference types="node" />
// Where a Worker's CPU goes per request: its isolate profiled while sequential non-streamed
// requests run, every time divided by the number of requests. Run on its own, after the latency
// stages: profiling slows the Worker down.
import { postBuffered } from './http-client.js'
import { CHAT_BODY, type LatencyTarget } from './latency.js'
import { perUnit, profileWorker, type WorkerProfile } from './worker-profile.js'
import type { WranglerDev } from './wrangler-process.js'

export interface RequestProfile extends WorkerProfile {
  requests: number
}

export async function profileRequests(dev: WranglerDev, entry: LatencyTarget, requests: number, outfile: string): Promise<RequestProfile> {
  const profile = await profileWorker(dev, outfile, async () => {
    for (let i = 0; i < requests; i++) {
      const exchange = await postBuffered(entry.target, entry.agent, CHAT_BODY)
      if (exchange.status !== 200) throw new Error(`${entry.target.name} answered ${exchange.status} while profiled`)
    }
  })
  return { ...perUnit(profile, requests), requests }
}
