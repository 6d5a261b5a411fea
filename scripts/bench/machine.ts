/// <reference types="node" />
// What the numbers were measured on, for the report's header.
import { readFileSync } from 'node:fs'
import { cpus, loadavg, release } from 'node:os'
import { resolve } from 'node:path'
import { repoRoot } from './paths.js'

export interface Machine {
  cpu: string
  cores: number
  kernel: string
  node: string
  wrangler: string
  workerd: string
}

const versionOf = (pkg: string) => (JSON.parse(readFileSync(resolve(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version

export function describeMachine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    kernel: `Linux ${release()}`,
    node: process.version,
    wrangler: versionOf('wrangler'),
    workerd: versionOf('workerd'),
  }
}

/** 1-minute load average: other work on the machine during the run shows up here. */
export const loadAverage = (): number => loadavg()[0]!
