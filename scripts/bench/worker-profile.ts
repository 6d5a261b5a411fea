/// <reference types="node" />
// A V8 CPU profile of a Worker's isolate while some work runs against it, taken through
// wrangler's inspector, summarised per function and per npm package (or part of relaykit).
import { writeFileSync } from 'node:fs'
import { bundleModules, type BundleModules } from './bundle-modules.js'
import { perContributor, summarizeProfile, type Profile } from './cpu-profile.js'
import { connectInspector, type Inspector } from './inspector-client.js'
import type { WranglerDev } from './wrangler-process.js'

const SAMPLING_INTERVAL_MICROS = 50

export interface WorkerProfile {
  /** What one sample counts for (the sampling interval achieved), µs. */
  sampleMicros: number
  /** Sampled CPU in the isolate, ms. */
  totalMs: number
  contributors: Array<{ name: string; ms: number }>
  functions: Array<{ name: string; ms: number }>
  /** Share of profiled functions found on the line the profile names (1: the mapping is sound). */
  lineMatch: number
}

/** The bundles the profile ran, by script id, as the inspector has them (no guessing paths). */
async function scriptModules(inspector: Inspector, profile: Profile): Promise<Map<string, BundleModules>> {
  await inspector.send('Debugger.enable')
  const sources = new Map<string, BundleModules>()
  for (const scriptId of new Set(profile.nodes.map((node) => node.callFrame.scriptId))) {
    if (scriptId === '0') continue
    const { scriptSource } = await inspector.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId }).catch(() => ({ scriptSource: '' }))
    if (scriptSource) sources.set(scriptId, bundleModules(scriptSource))
  }
  await inspector.send('Debugger.disable')
  return sources
}

/** Profiles `dev`'s Worker while `work` runs; the raw profile is kept in `outfile`. */
export async function profileWorker(dev: WranglerDev, outfile: string, work: () => Promise<void>): Promise<WorkerProfile> {
  const inspector = await connectInspector(dev.inspectorPort)
  try {
    await inspector.send('Profiler.enable')
    await inspector.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_MICROS })
    await inspector.send('Profiler.start')
    await work()
    const { profile } = await inspector.send<{ profile: Profile }>('Profiler.stop')
    writeFileSync(outfile, JSON.stringify(profile))
    const sources = await scriptModules(inspector, profile)
    const summary = summarizeProfile(profile, (scriptId) => sources.get(scriptId), SAMPLING_INTERVAL_MICROS)
    const busy = summary.functions.filter((entry) => entry.name !== '(idle)')
    return {
      sampleMicros: summary.sampleMicros,
      totalMs: summary.activeMicros / 1000,
      contributors: perContributor(busy).map((entry) => ({ name: entry.name, ms: entry.micros / 1000 })),
      functions: busy.map((entry) => ({ name: entry.name, ms: entry.micros / 1000 })),
      lineMatch: summary.lineMatch,
    }
  } finally {
    inspector.close()
  }
}

/** The same profile with every time divided by `units` (requests, MiB, …). */
export function perUnit(profile: WorkerProfile, units: number): WorkerProfile {
  return {
    ...profile,
    totalMs: profile.totalMs / units,
    contributors: profile.contributors.map((entry) => ({ ...entry, ms: entry.ms / units })),
    functions: profile.functions.map((entry) => ({ ...entry, ms: entry.ms / units })),
  }
}
