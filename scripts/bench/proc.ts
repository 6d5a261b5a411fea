/// <reference types="node" />
// What Linux's /proc says about a process: the bench measures the workerd processes from outside,
// the way an operator would, without instrumenting them.
import { readdirSync, readFileSync } from 'node:fs'

export interface ProcessInfo {
  pid: number
  /** Executable name (at most 15 characters). */
  comm: string
  /** Arguments joined by spaces. */
  cmdline: string
}

/** Fields of /proc/<pid>/stat after the `(comm)` field, which may itself contain spaces. */
function statFields(pid: number): { comm: string; rest: string[] } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const open = stat.indexOf('(')
  const close = stat.lastIndexOf(')')
  return {
    comm: stat.slice(open + 1, close),
    rest: stat
      .slice(close + 2)
      .trim()
      .split(' '),
  }
}

/** Every live process whose process group is `pgid`. */
export function processesInGroup(pgid: number): ProcessInfo[] {
  const found: ProcessInfo[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    try {
      const { comm, rest } = statFields(pid)
      // rest[0] is the state, rest[1] the parent, rest[2] the process group.
      if (Number(rest[2]) !== pgid) continue
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
      found.push({ pid, comm, cmdline })
    } catch {
      // The process ended while we looked.
    }
  }
  return found
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
  if (!match) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(match[1]) * 1024
}

/** User + system CPU time the process has used so far, in milliseconds (10 ms resolution). */
export function cpuMillis(pid: number): number {
  const { rest } = statFields(pid)
  // utime and stime are fields 14 and 15 of stat, i.e. rest[11] and rest[12], in clock ticks.
  const ticks = Number(rest[11]) + Number(rest[12])
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND
}

/** USER_HZ, which is 100 on every Linux architecture that workerd supports. */
const CLOCK_TICKS_PER_SECOND = 100
