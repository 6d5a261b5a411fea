/// <reference types="node" />
// `npm run bench`: relaykit as production runs it, on this machine, in one run: the deployed
// bundle's size and start-up, then latency and a large stream under plain `workerd serve` against
// a bare forwarding Worker. Writes BENCHMARKS.md. `npm run bench -- --quick` runs fewer requests
// and a smaller stream, for working on the bench itself (its numbers are noisier).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { repoRoot } from '../local/processes.js'
import { bigStream } from './big-stream.js'
import { buildDeployed } from './build.js'
import { measureFirstRequests } from './first-request.js'
import { startFakeUpstream } from './fake-upstream.js'
import { measureLatency } from './latency.js'
import { renderReport } from './report.js'
import { measureStartup } from './startup.js'
import { startWorkerd, workerdVersion } from './workerd.js'

const quick = process.argv.includes('--quick')
const settings = {
  pairs: quick ? 300 : 3000,
  warmupPairs: quick ? 50 : 200,
  inFlight: 16,
  cpuRequests: quick ? 100 : 1000,
  streamMiB: quick ? 10 : 100,
  startupRuns: quick ? 3 : 15,
  firstRequestRuns: quick ? 3 : 9,
}

const log = (line: string) => console.log(`bench: ${line}`)

/** The commit measured, and whether the working tree differs from it. */
function describeSource(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()
  const changes = git('status', '--porcelain').split('\n').filter(Boolean).length
  return `commit ${git('rev-parse', '--short', 'HEAD')}${changes ? ` with ${changes} uncommitted change${changes === 1 ? '' : 's'}` : ''}`
}

function describeMachine(): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model
  return `${model}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Linux ${release()}`
}

const versionOf = (pkg: string) => (JSON.parse(readFileSync(resolve(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version

async function measure(work: string) {
  log('building the deployed bundle as npm run deploy does (wrangler deploy --dry-run, then terser)')
  const build = await buildDeployed(work)
  log(`start-up: ${settings.startupRuns} runs of wrangler check startup`)
  const startup = await measureStartup(build, work, settings.startupRuns)
  const fake = await startFakeUpstream()
  try {
    log('latency under workerd serve')
    const workerd = await startWorkerd(build, work, fake.url)
    const latency = await measureLatency(workerd, settings, log).finally(() => workerd.process.stop())
    log(`first requests: ${settings.firstRequestRuns} fresh workerd processes`)
    const firstRequests = await measureFirstRequests(build, work, fake.url, settings.firstRequestRuns)
    log(`${settings.streamMiB} MiB stream through each Worker`)
    const streams = { bare: await bigStream(build, work, fake.url, 'bare', settings.streamMiB), relaykit: await bigStream(build, work, fake.url, 'relaykit', settings.streamMiB) }
    return { build, startup, latency, firstRequests, streams }
  } finally {
    await fake.stop()
  }
}

async function main() {
  const startedAt = new Date()
  const before = loadavg()
  const source = describeSource()
  const work = mkdtempSync(join(tmpdir(), 'relaykit-bench-'))
  // On any exit, Ctrl-C included, the work directory goes, and startGroup's hooks stop workerd and the fake upstream.
  process.once('exit', () => rmSync(work, { recursive: true, force: true }))
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
  const measured = await measure(work)
  const seconds = (Date.now() - startedAt.getTime()) / 1000
  const versions = { wrangler: versionOf('wrangler'), terser: versionOf('terser'), workerd: workerdVersion, node: process.version }
  const command = quick ? 'npm run bench -- --quick' : 'npm run bench'
  const report = renderReport({ command, startedAt, seconds, source, machine: describeMachine(), load: { before, after: loadavg() }, versions, settings, ...measured })
  writeFileSync(resolve(repoRoot, 'BENCHMARKS.md'), report)
  log(`wrote BENCHMARKS.md in ${seconds.toFixed(0)} s`)
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench: ${error.stack ?? error.message}`)
    process.exit(1)
  },
)
