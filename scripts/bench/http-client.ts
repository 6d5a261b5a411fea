/// <reference types="node" />
// The one client code path for every target (the fake called directly, the bare Worker, relaykit):
// node:http with a keep-alive agent, so no measured request opens a connection and the client's
// own cost is identical whichever target it calls. Times are process.hrtime (monotonic, ns).
import { Agent, request } from 'node:http'

export interface Target {
  /** direct | bare | relaykit */
  name: string
  host: string
  port: number
  /** Path of the chat completions endpoint on this target. */
  path: string
  /** Sent to every target alike (the direct and bare targets ignore the authorization). */
  headers: Record<string, string>
}

export interface Exchange {
  status: number
  startNs: bigint
  /** When the status line and headers had arrived. */
  headersNs: bigint
  endNs: bigint
}

export interface BufferedExchange extends Exchange {
  body: Buffer
}

const IDLE_TIMEOUT_MS = 30_000

/** One agent per target, with as many sockets as the concurrency asks for. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, keepAliveMsecs: 60_000 })
}

/**
 * POSTs `body`; `onData` sees each piece of the answer's body with its arrival time. Resolves at
 * the end of the answer.
 */
export function post(target: Target, agent: Agent, body: Buffer, onData: (piece: Buffer, atNs: bigint) => void): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const startNs = process.hrtime.bigint()
    const outgoing = request(
      {
        agent,
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'POST',
        headers: { ...target.headers, 'content-type': 'application/json', 'content-length': String(body.length) },
      },
      (response) => {
        const headersNs = process.hrtime.bigint()
        response.on('data', (piece: Buffer) => onData(piece, process.hrtime.bigint()))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, startNs, headersNs, endNs: process.hrtime.bigint() }))
        response.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    // A target that stops answering fails the stage instead of hanging the bench.
    outgoing.setTimeout(IDLE_TIMEOUT_MS, () => outgoing.destroy(new Error(`${target.name}: no data for ${IDLE_TIMEOUT_MS / 1000}s`)))
    outgoing.end(body)
  })
}

/** POSTs `body` and keeps the whole answer (for small answers). */
export async function postBuffered(target: Target, agent: Agent, body: Buffer): Promise<BufferedExchange> {
  const pieces: Buffer[] = []
  const exchange = await post(target, agent, body, (piece) => pieces.push(piece))
  return { ...exchange, body: Buffer.concat(pieces) }
}
