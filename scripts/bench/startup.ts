/// <reference types="node" />
// Start-up CPU as `wrangler check startup` measures it: it loads the deployed upload in a local
// workerd and profiles the import of the main module (what Cloudflare holds against the start-up
// limit). One profile samples about once a millisecond, so it runs several times and the self
// times (as wrangler counts them: each time delta goes to its sample's function) are averaged over
// the runs, each function placed through the bundle's source map in its package or src/ folder.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runGroup, wranglerBin, wranglerEnv } from '../local/processes.js'
import { type Build, contributorOf } from './build.js'
import { summarize } from './numbers.js'

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type CpuProfile = { nodes: Array<{ id: number; callFrame: CallFrame }>; samples: number[]; timeDeltas: number[] }

export type Startup = Awaited<ReturnType<typeof measureStartup>>

const ACTIVE = /Active:\s*([\d.]+)\s*ms\s*\(including\s*([\d.]+)\s*ms garbage collection\)/

/** The function a profile node stands for, and where it came from. */
function placeOf({ functionName, url, lineNumber, columnNumber }: CallFrame, build: Build) {
  const builtIn = functionName.startsWith('(') ? functionName : `${functionName || '(anonymous)'} (built-in)`
  if (url === '') return { name: builtIn, contributor: functionName === '(garbage collector)' ? functionName : 'V8 and workerd' }
  const source = lineNumber < 0 ? undefined : build.sourceAt(lineNumber, columnNumber)
  if (source === undefined) return { name: `(top-level code of ${url.split('/').at(-1)})`, contributor: 'top-level code' }
  return { name: `${functionName || '(anonymous)'} ${source}`, contributor: contributorOf(source) }
}

export async function measureStartup(build: Build, work: string, runs: number) {
  const active: number[] = []
  const gc: number[] = []
  const functions = new Map<string, number>()
  const contributors = new Map<string, number>()
  for (let run = 0; run < runs; run++) {
    const outfile = join(work, `startup-${run}.cpuprofile`)
    const output = await runGroup(process.execPath, [wranglerBin, 'check', 'startup', '--worker', build.bundlePath, '--outfile', outfile], 120_000, { env: wranglerEnv })
    const printed = ACTIVE.exec(output)
    if (!printed) throw new Error(`wrangler check startup printed no "Active: … ms" line:\n${output}`)
    active.push(Number(printed[1]))
    gc.push(Number(printed[2]))
    const profile = JSON.parse(readFileSync(outfile, 'utf8')) as CpuProfile
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
    profile.timeDeltas.forEach((micros, index) => {
      const node = nodes.get(profile.samples[index]!)
      if (!node || node.callFrame.functionName === '(idle)') return
      const { name, contributor } = placeOf(node.callFrame, build)
      functions.set(name, (functions.get(name) ?? 0) + micros / 1000 / runs)
      contributors.set(contributor, (contributors.get(contributor) ?? 0) + micros / 1000 / runs)
    })
  }
  const largestFirst = (totals: Map<string, number>) => [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms)
  return {
    command: 'wrangler check startup --worker DIR/worker.bundle --outfile DIR/startup-N.cpuprofile',
    /** CPU while the Worker started (wrangler's "Active", garbage collection included), ms per run. */
    activeMs: summarize(active),
    gcMs: summarize(gc),
    /** Self time, ms per run, largest first. */
    functions: largestFirst(functions),
    contributors: largestFirst(contributors),
  }
}
