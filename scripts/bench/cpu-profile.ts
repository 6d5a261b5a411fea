/// <reference types="node" />
// Self time per function in a V8 .cpuprofile (what Chrome DevTools shows as "Self time"), with
// each function placed in the bundle module, and so the npm package, it came from.
//
// Each sample counts for the sampling interval actually achieved, not for the gap to the next
// sample as in DevTools: workerd samples only while the isolate runs, so between requests that gap
// is idle time, which DevTools would pin on the last function sampled.
import { readFileSync } from 'node:fs'
import type { BundleModules } from './bundle-modules.js'
import { GLUE, packageOf } from './package-of.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number }
  /** Samples per 1-based source line within the function. */
  positionTicks?: Array<{ line: number; ticks: number }>
}

export interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface SelfTime {
  /** e.g. `init (zod)` or `(garbage collector)`. */
  name: string
  /** zod, relaykit src/platform, (garbage collector), … */
  contributor: string
  micros: number
}

export interface ProfileSummary {
  /** Sampled time that was not idle, µs. */
  activeMicros: number
  samples: number
  /** The median gap between samples, µs: what one sample counts for. */
  sampleMicros: number
  functions: SelfTime[]
  /** Share of named functions found on the bundle line the profile gives (1: the mapping is sound). */
  lineMatch: number
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)'])
/** Built-ins (fetch, Response, console.log, …) have no script. */
const BUILT_IN = 'workerd built-ins'
/** A script's top-level code when the profile does not say which lines ran. */
const TOP_LEVEL = '(top-level code of the bundle)'

export const readProfile = (path: string): Profile => JSON.parse(readFileSync(path, 'utf8')) as Profile

function median(values: number[]): number {
  const sorted = values.filter((value) => value > 0).sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/**
 * The interval achieved: the median gap between samples. Given the interval asked for, gaps over
 * ten times it are left out: they are idle time between bursts of work, not sampling.
 */
function achievedInterval(deltas: number[], requestedMicros: number | undefined): number {
  if (requestedMicros === undefined) return median(deltas)
  return median(deltas.filter((delta) => delta <= 10 * requestedMicros)) || requestedMicros
}

/**
 * `modulesOf` gives the bundle that a profiled script id is, when known; `requestedMicros` is the
 * sampling interval asked for, when the profile has idle gaps without samples (see above).
 */
export function summarizeProfile(profile: Profile, modulesOf: (scriptId: string) => BundleModules | undefined, requestedMicros?: number): ProfileSummary {
  const sampleMicros = achievedInterval(profile.timeDeltas, requestedMicros)
  const hits = new Map<number, number>()
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1)

  const functions = new Map<string, SelfTime>()
  const add = (name: string, contributor: string, micros: number) => {
    const entry = functions.get(name) ?? { name, contributor, micros: 0 }
    entry.micros += micros
    functions.set(name, entry)
  }
  let checked = 0
  let matched = 0
  for (const node of profile.nodes) {
    const count = hits.get(node.id)
    if (!count) continue
    const micros = count * sampleMicros
    const frame = node.callFrame
    if (SPECIAL.has(frame.functionName)) {
      add(frame.functionName, frame.functionName, micros)
      continue
    }
    if (!frame.url) {
      add(`${frame.functionName || '(anonymous)'} (${BUILT_IN})`, BUILT_IN, micros)
      continue
    }
    const modules = modulesOf(frame.scriptId)
    if (!modules) {
      add(`${frame.functionName || '(anonymous)'} (${frame.url})`, frame.url, micros)
      continue
    }
    if (frame.lineNumber < 0) {
      // A script's top-level code spans every module of the bundle: split it by the lines sampled.
      const ticks = node.positionTicks ?? []
      const total = ticks.reduce((sum, tick) => sum + tick.ticks, 0)
      if (total === 0) add(TOP_LEVEL, TOP_LEVEL, micros)
      for (const tick of ticks) {
        const module = modules.moduleAt(tick.line - 1)
        const contributor = module === undefined ? GLUE : packageOf(module)
        add(`(top-level code) (${contributor})`, contributor, (micros * tick.ticks) / total)
      }
      continue
    }
    const module = modules.moduleAt(frame.lineNumber)
    // Before the first module: the helpers esbuild and wrangler put at the top of the bundle.
    const contributor = module === undefined ? GLUE : packageOf(module)
    if (frame.functionName) {
      checked += 1
      if (modules.lineText(frame.lineNumber).includes(frame.functionName.split('.').at(-1)!)) matched += 1
    }
    add(`${frame.functionName || '(anonymous)'} (${contributor})`, contributor, micros)
  }
  const sorted = [...functions.values()].sort((a, b) => b.micros - a.micros)
  const activeMicros = sorted.filter((entry) => entry.name !== '(idle)').reduce((sum, entry) => sum + entry.micros, 0)
  return { activeMicros, samples: profile.samples.length, sampleMicros, functions: sorted, lineMatch: checked === 0 ? 1 : matched / checked }
}

/** Self time summed per contributor, largest first. */
export function perContributor(functions: SelfTime[]): Array<{ name: string; micros: number }> {
  const totals = new Map<string, number>()
  for (const entry of functions) totals.set(entry.contributor, (totals.get(entry.contributor) ?? 0) + entry.micros)
  return [...totals].map(([name, micros]) => ({ name, micros })).sort((a, b) => b.micros - a.micros)
}
