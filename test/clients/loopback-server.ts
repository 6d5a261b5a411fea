/// <reference types="node" />
// Serves a fetch-style handler (one of the sandbox's fake upstreams) over real HTTP on a free
// 127.0.0.1 port, so a Worker under `wrangler dev` reaches it as it would the real upstream.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { WranglerDev } from '../support/wrangler-dev-process.js'

export type FetchHandler = (request: Request) => Promise<Response>

export interface LoopbackServer<T> {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  origin: string
  /** What answers there (a fake, with its records). */
  handler: T
  /** Stops listening and drops open connections (a stalled stream included). */
  close(): Promise<void>
}

const HOST = '127.0.0.1'

/**
 * Listens first, then builds the handler with the origin it is served on: an issuer's tokens and
 * JWKS URL must name its own address, which is only known once the OS picked the port.
 */
export async function serveOnLoopback<T extends { fetch: FetchHandler }>(create: (origin: string) => T): Promise<LoopbackServer<T>> {
  let handler: T | undefined
  // overrideGlobalObjects: false keeps the test process's own Request and Response (the openai
  // package's) untouched.
  const server = createAdaptorServer({
    fetch: (request) => (handler ? handler.fetch(request) : new Response('not ready', { status: 503 })),
    overrideGlobalObjects: false,
  }) as Server
  await new Promise<void>((listening, fail) => {
    server.once('error', fail)
    server.listen(0, HOST, () => listening())
  })
  const origin = `http://${HOST}:${(server.address() as AddressInfo).port}`
  handler = create(origin)
  return {
    origin,
    handler,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed())
        server.closeAllConnections()
      }),
  }
}

/**
 * A deployment under `wrangler dev` whose upstreams are fakes on loopback: `start` serves them
 * with the `serve` it is given, then starts wrangler. Whatever fails on the way closes the fakes
 * already listening; the result's `stop` stops wrangler, then them.
 */
export async function withLoopbackFakes<T extends { wrangler: WranglerDev }>(start: (serve: typeof serveOnLoopback) => Promise<T>): Promise<T & { stop(): Promise<void> }> {
  const servers: LoopbackServer<unknown>[] = []
  const closeServers = () => Promise.all(servers.map((server) => server.close()))
  const serve = async <H extends { fetch: FetchHandler }>(create: (origin: string) => H) => {
    const server = await serveOnLoopback(create)
    servers.push(server)
    return server
  }
  try {
    const started = await start(serve)
    return {
      ...started,
      stop: async () => {
        try {
          await started.wrangler.stop()
        } finally {
          await closeServers()
        }
      },
    }
  } catch (error) {
    await closeServers()
    throw error
  }
}
