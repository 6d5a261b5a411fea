/// <reference types="node" />
// A 100 MB stream through a Worker while sampling, every 100 ms, the resident memory of the
// workerd process running that Worker (and of wrangler's proxy workerd in front of it), and,
// through the inspector, the Worker isolate's V8 heap and its ArrayBuffer memory (where stream
// chunks live). A Worker that streams holds a few chunks at a time: its memory stays flat. One
// that buffers grows by the size of the stream. After the stream a forced garbage collection (a
// heap snapshot) tells memory still held from garbage not yet collected. The bytes the client
// receives are checked against what the fake sent.
import { createHash } from 'node:crypto'
import type { Agent } from 'node:http'
import { post, type Target } from './http-client.js'
import { connectInspector, type Inspector } from './inspector-client.js'
import { cpuMillis, rssBytes } from './proc.js'
import { streamBody } from './streaming.js'
import type { StreamShape } from './stream-shape.js'

const SAMPLE_EVERY_MS = 100
const SETTLE_MS = 500

export interface Trace {
  start: number
  peak: number
  end: number
  /** After a forced garbage collection in the isolate (heap readings only: the snapshot that
   *  forces it costs workerd memory of its own, so RSS after it means nothing). */
  afterGc?: number
}

export interface MemoryResult {
  /** RSS of the workerd process running the Worker, bytes. */
  worker: Trace
  /** RSS of wrangler's proxy workerd, bytes. */
  proxy: Trace
  /** V8 heap used by the Worker's isolate, bytes (undefined when the inspector did not answer). */
  heap?: Trace
  /** ArrayBuffer memory of the isolate (outside the V8 heap: stream chunks live here), bytes. */
  buffers?: Trace
  samples: number
  bytesSent: number
  bytesReceived: number
  /** Same SHA-256 on both sides: the stream went through unaltered. */
  identical: boolean
  seconds: number
  /** CPU of the Worker's workerd process during the stream, ms. */
  workerCpuMs: number
}

/** start, peak and end of a series of readings. */
function tracer(first: number) {
  const trace: Trace = { start: first, peak: first, end: first }
  return {
    trace,
    record(value: number) {
      trace.peak = Math.max(trace.peak, value)
      trace.end = value
    },
  }
}

interface HeapUsage {
  usedSize: number
  backingStorageSize?: number
}

const heapUsage = (inspector: Inspector) => inspector.send<HeapUsage>('Runtime.getHeapUsage')

export async function memoryDuringStream(
  entry: { target: Target; agent: Agent; workerPid: number; proxyPid: number; inspectorPort: number },
  shape: StreamShape & { id: string },
  fakeBaseUrl: string,
): Promise<MemoryResult> {
  const inspector = await connectInspector(entry.inspectorPort).catch(() => undefined)
  const worker = tracer(rssBytes(entry.workerPid))
  const proxy = tracer(rssBytes(entry.proxyPid))
  const first = inspector ? await heapUsage(inspector) : undefined
  const heap = first ? tracer(first.usedSize) : undefined
  const buffers = first?.backingStorageSize === undefined ? undefined : tracer(first.backingStorageSize)
  const recordHeap = (usage: HeapUsage) => {
    heap?.record(usage.usedSize)
    if (usage.backingStorageSize !== undefined) buffers?.record(usage.backingStorageSize)
  }
  const sampleRss = () => {
    worker.record(rssBytes(entry.workerPid))
    proxy.record(rssBytes(entry.proxyPid))
  }
  let samples = 1
  let lost: Error | undefined
  const timer = setInterval(() => {
    try {
      sampleRss()
    } catch (error) {
      // The workerd process went away (e.g. a crash): reported once the stream ends.
      lost ??= error as Error
    }
    samples += 1
    if (inspector)
      heapUsage(inspector).then(
        (usage) => recordHeap(usage),
        () => undefined,
      )
  }, SAMPLE_EVERY_MS)
  const cpuBefore = cpuMillis(entry.workerPid)
  const hash = createHash('sha256')
  let bytesReceived = 0
  try {
    // include_usage asked for, so relaykit has no reason to leave any event out.
    const exchange = await post(entry.target, entry.agent, streamBody(shape, true), (piece) => {
      bytesReceived += piece.length
      hash.update(piece)
    })
    clearInterval(timer)
    if (lost) throw new Error(`${entry.target.name}: lost the Worker's process during the stream (${lost.message})`)
    const workerCpuMs = cpuMillis(entry.workerPid) - cpuBefore
    sampleRss()
    if (exchange.status !== 200) throw new Error(`${entry.target.name}: 100 MB stream answered ${exchange.status}`)
    if (inspector) {
      recordHeap(await heapUsage(inspector))
      // workerd does not answer HeapProfiler.collectGarbage; a heap snapshot collects garbage first.
      await inspector.send('HeapProfiler.enable')
      await inspector.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
      await new Promise((done) => setTimeout(done, SETTLE_MS))
      const afterGc = await heapUsage(inspector)
      if (heap) heap.trace.afterGc = afterGc.usedSize
      if (buffers && afterGc.backingStorageSize !== undefined) buffers.trace.afterGc = afterGc.backingStorageSize
    }

    const response = await fetch(`${fakeBaseUrl}/bench/streams/${encodeURIComponent(shape.id)}`)
    const sent = (await response.json()) as { bytes: number; sha256: string }
    return {
      worker: worker.trace,
      proxy: proxy.trace,
      ...(heap ? { heap: heap.trace } : {}),
      ...(buffers ? { buffers: buffers.trace } : {}),
      samples,
      bytesSent: sent.bytes,
      bytesReceived,
      identical: sent.sha256 === hash.digest('hex'),
      seconds: Number(exchange.endNs - exchange.startNs) / 1e9,
      workerCpuMs,
    }
  } finally {
    clearInterval(timer)
    inspector?.close()
  }
}
