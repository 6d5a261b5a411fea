/// <reference types="node" />
// The one client code path for both Workers: node:http over keep-alive connections, so that no
// measured request opens a connection and the client's own cost is the same whichever it calls.
// Times are process.hrtime (monotonic ns), the clock the fake upstream stamps its events with.
import { Agent, request } from 'node:http'
import { HOST } from '../local/processes.js'
import { STAMP } from './fake-upstream.js'

export interface Call {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/** `stamped`: each SSE event that carried the upstream's stamp, when the upstream wrote it and when it arrived here. `head`: the body's start, for failure messages. */
export type Answer = { startNs: bigint; endNs: bigint; stamped: Array<{ writtenNs: bigint; arrivedNs: bigint }>; head: string }

const IDLE_TIMEOUT_MS = 30_000

export const keepAliveAgent = (sockets: number) => new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets })

/** Sends `call` to the Worker on `port`; `onData` sees each piece of the body as it arrives. Resolves at the end of a 200 answer. */
export function sendOk(port: number, agent: Agent, call: Call, onData?: (piece: Buffer) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const startNs = process.hrtime.bigint()
    const stamped: Answer['stamped'] = []
    let head = ''
    let pending = ''
    const outgoing = request({ agent, host: HOST, port, method: call.method, path: call.path, headers: call.headers }, (response) => {
      const events = response.headers['content-type']?.startsWith('text/event-stream')
      response.on('data', (piece: Buffer) => {
        const arrivedNs = process.hrtime.bigint()
        if (head.length < 500) head += piece.toString()
        if (onData) return onData(piece)
        if (!events) return
        pending += piece.toString('latin1')
        for (let end = pending.indexOf('\n\n'); end !== -1; end = pending.indexOf('\n\n')) {
          const stamp = STAMP.exec(pending.slice(0, end))
          if (stamp) stamped.push({ writtenNs: BigInt(stamp[1]!), arrivedNs })
          pending = pending.slice(end + 2)
        }
      })
      response.on('end', () => {
        if (response.statusCode === 200) return resolve({ startNs, endNs: process.hrtime.bigint(), stamped, head })
        reject(new Error(`${call.method} ${call.path} on :${port} answered ${response.statusCode}: ${head.slice(0, 300)}`))
      })
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    // A Worker that stops answering fails the bench instead of hanging it.
    outgoing.setTimeout(IDLE_TIMEOUT_MS, () => outgoing.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000}s from ${call.method} ${call.path}`)))
    outgoing.end(call.body)
  })
}
