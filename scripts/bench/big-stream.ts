/// <reference types="node" />
// One large stream (100 MiB by default) through one Worker, in a fresh workerd process so that the
// other Worker's stream leaves nothing behind in the reading: resident memory sampled every 20 ms,
// the process's CPU time, and the bytes received checked against what the upstream sent. A Worker
// that streams holds a few chunks at a time and stays flat; one that buffers grows by the size of
// the stream; a second stream like it tells memory held from a high-water mark.
import { createHash } from 'node:crypto'
import type { Build } from './build.js'
import { keepAliveAgent, sendOk } from './client.js'
import { chatBody, chatCalls, type Side } from './latency.js'
import { cpuMs, rssBytes } from './proc.js'
import { startWorkerd } from './workerd.js'

const EVENT_CHARS = 50_000
const MiB = 1024 * 1024

export type StreamRun = Awaited<ReturnType<typeof bigStream>>

export async function bigStream(build: Build, work: string, upstream: string, side: Side, mebibytes: number) {
  const workerd = await startWorkerd(build, work, upstream)
  const pid = workerd.process.pid
  const agent = keepAliveAgent(1)
  const stream = (chunks: number, id: string, onData: (piece: Buffer) => void = () => undefined) =>
    sendOk(workerd[side], agent, chatCalls(chatBody(JSON.stringify({ chunks, size: EVENT_CHARS, delayMs: 0, id }), true))[side], onData)
  try {
    // Loads the Worker's code and opens the connections before the first reading.
    await stream(20, 'warm-up')
    const chunks = Math.round((mebibytes * MiB) / EVENT_CHARS)
    const rss = { start: rssBytes(pid), peak: 0, end: 0, afterSecondStream: 0 }
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak, rssBytes(pid))
    }, 20)
    const hash = createHash('sha256')
    let bytesReceived = 0
    const cpuBefore = cpuMs(pid)
    const { startNs, endNs } = await stream(chunks, side, (piece) => {
      hash.update(piece)
      bytesReceived += piece.length
    }).finally(() => clearInterval(sampler))
    /** The workerd process's, over the first stream. */
    const processCpuMs = cpuMs(pid) - cpuBefore
    rss.end = rssBytes(pid)
    rss.peak = Math.max(rss.peak, rss.start, rss.end)
    const sent = (await (await fetch(`${upstream}/sent/${side}`)).json()) as { bytes: number; sha256: string }

    await stream(chunks, 'second')
    rss.afterSecondStream = rssBytes(pid)
    const seconds = Number(endNs - startNs) / 1e9
    return { bytesSent: sent.bytes, bytesReceived, identical: sent.sha256 === hash.digest('hex'), seconds, rss, processCpuMs }
  } finally {
    agent.destroy()
    await workerd.process.stop()
  }
}
