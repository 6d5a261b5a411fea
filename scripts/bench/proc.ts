/// <reference types="node" />
// What Linux's /proc says about the workerd process: measured from outside, as an operator would.
import { readdirSync, readFileSync } from 'node:fs'

/** Resident set size, bytes. */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(match[1]) * 1024
}

/** CPU time the process's threads have run so far, ms (schedstat: nanoseconds, unlike the 10 ms ticks of /proc/PID/stat). */
export function cpuMs(pid: number): number {
  let ns = 0
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    } catch {
      // The thread ended while we looked.
    }
  }
  return ns / 1e6
}
