// Everything one run measured, as report.ts renders it. A stage that could not run keeps its
// reason instead of numbers, so the report says what was not measured and why.
import type { BundleResult } from './bundle.js'
import type { ConcurrentResult, SequentialResult } from './latency.js'
import type { Machine } from './machine.js'
import type { MemoryResult } from './memory.js'
import type { RequestProfile } from './request-profile.js'
import type { StartupResult } from './startup.js'
import type { StreamProfile } from './stream-profile.js'
import type { StreamingResult } from './streaming.js'

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string }

export interface Settings {
  sequentialRequests: number
  sequentialWarmup: number
  concurrentRequests: number
  concurrency: number
  streams: number
  streamChunks: number
  streamDelayMs: number
  streamChunkSize: number
  memoryChunks: number
  memoryChunkSize: number
  startupRuns: number
  profiledRequests: number
}

export interface BenchResults {
  command: string
  /** Which code was measured, e.g. "commit a9c3cc5 with 12 uncommitted changes". */
  workTree: string
  startedAt: Date
  seconds: number
  machine: Machine
  loadBefore: number
  loadAfter: number
  settings: Settings
  /** Why relaykit's rows are missing, when they are. */
  relaykitMissing?: string
  sequential: Outcome<Map<string, SequentialResult>>
  concurrent: Outcome<Map<string, ConcurrentResult>>
  streaming: Outcome<Map<string, StreamingResult>>
  memory: Map<string, Outcome<MemoryResult>>
  /** Per Worker (bare, relaykit): where its CPU time per request goes. */
  requestProfiles: Map<string, Outcome<RequestProfile>>
  /** Per Worker: where its CPU goes while relaying the 100 MB stream. */
  streamProfiles: Map<string, Outcome<StreamProfile>>
  bundle: Outcome<BundleResult>
  startup: Outcome<StartupResult>
}
