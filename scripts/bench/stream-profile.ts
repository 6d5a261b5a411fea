/// <reference types="node" />
// Where a Worker's CPU goes while it relays a large stream: its isolate profiled during one
// 100 MB stream (a separate run from the memory stage, which profiling would slow), every time
// divided by the MiB relayed.
import { post } from './http-client.js'
import type { LatencyTarget } from './latency.js'
import { streamBody } from './streaming.js'
import type { StreamShape } from './stream-shape.js'
import { perUnit, profileWorker, type WorkerProfile } from './worker-profile.js'
import type { WranglerDev } from './wrangler-process.js'

export interface StreamProfile extends WorkerProfile {
  mebibytes: number
}

export async function profileStream(dev: WranglerDev, entry: LatencyTarget, shape: StreamShape, outfile: string): Promise<StreamProfile> {
  let bytes = 0
  const profile = await profileWorker(dev, outfile, async () => {
    const exchange = await post(entry.target, entry.agent, streamBody(shape, true), (piece) => {
      bytes += piece.length
    })
    if (exchange.status !== 200) throw new Error(`${entry.target.name} answered ${exchange.status} while profiled`)
  })
  const mebibytes = bytes / 1024 / 1024
  return { ...perUnit(profile, mebibytes), mebibytes }
}
