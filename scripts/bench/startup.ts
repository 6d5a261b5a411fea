/// <reference types="node" />
// Start-up CPU as `wrangler check startup` measures it: wrangler builds the Worker, starts it in a
// local workerd and profiles the evaluation of its top-level code (what Cloudflare bills against
// the start-up limit). One profile samples only every ~1 ms, so it runs several times and the
// self times are averaged; functions are mapped onto the unminified bundle built for the size
// table (same wrangler, same build), which the line check confirms or refutes.
import { join } from 'node:path'
import { readBundleModules } from './bundle-modules.js'
import { perContributor, readProfile, summarizeProfile, type SelfTime } from './cpu-profile.js'
import { wranglerBin, wranglerEnv } from './paths.js'
import { runCommand } from './run-command.js'
import { summarize, type Summary } from './stats.js'

export interface StartupResult {
  runs: number
  /** Active (non-idle) start-up CPU per run as wrangler reports it, ms. */
  activeMs: Summary
  /** Garbage collection within it, ms (wrangler's figure). */
  gcMs: Summary
  /** Self time per function averaged over the runs, ms, largest first. */
  functions: Array<{ name: string; ms: number }>
  contributors: Array<{ name: string; ms: number }>
  /** Share of profiled functions found on the bundle line the profile names (1 = mapping sound). */
  lineMatch: number
}

const ACTIVE = /Active:\s*([\d.]+)\s*ms\s*\(including\s*([\d.]+)\s*ms garbage collection\)/

/** Profiles the start-up of relaykit in the work tree `tree`; profiles go to `workDir`. */
export async function measureStartup(tree: string, workDir: string, bundlePath: string, runs: number): Promise<StartupResult> {
  const modules = readBundleModules(bundlePath)
  const active: number[] = []
  const gc: number[] = []
  const functions = new Map<string, SelfTime>()
  let lineMatch = 0
  for (let run = 0; run < runs; run++) {
    const outfile = join(workDir, `startup-${run}.cpuprofile`)
    const args = [wranglerBin, 'check', 'startup', '--outfile', outfile]
    const result = await runCommand(process.execPath, args, { cwd: tree, env: wranglerEnv, timeoutMs: 120_000 })
    if (result.code !== 0) throw new Error(`wrangler check startup failed (${result.code}):\n${result.output}`)
    // The profile has one script: the bundle wrangler built, which `modules` describes.
    const profile = summarizeProfile(readProfile(outfile), () => modules)
    const printed = ACTIVE.exec(result.output)
    // Prefer wrangler's own reading; fall back to ours if its wording changes.
    active.push(printed ? Number(printed[1]) : profile.activeMicros / 1000)
    gc.push(printed ? Number(printed[2]) : (profile.functions.find((f) => f.name === '(garbage collector)')?.micros ?? 0) / 1000)
    lineMatch += profile.lineMatch / runs
    for (const entry of profile.functions) {
      const sum = functions.get(entry.name) ?? { ...entry, micros: 0 }
      sum.micros += entry.micros
      functions.set(entry.name, sum)
    }
  }
  const averaged = [...functions.values()].filter((entry) => entry.name !== '(idle)').map((entry) => ({ ...entry, micros: entry.micros / runs }))
  averaged.sort((a, b) => b.micros - a.micros)
  return {
    runs,
    activeMs: summarize(active),
    gcMs: summarize(gc),
    functions: averaged.map((entry) => ({ name: entry.name, ms: entry.micros / 1000 })),
    contributors: perContributor(averaged).map((entry) => ({ name: entry.name, ms: entry.micros / 1000 })),
    lineMatch,
  }
}
