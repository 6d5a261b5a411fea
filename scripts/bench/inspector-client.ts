/// <reference types="node" />
// A minimal Chrome DevTools protocol client for the Worker's inspector that `wrangler dev` serves
// (ws://127.0.0.1:<inspector port>/ws). wrangler's inspector proxy refuses connections without an
// Origin header, and sends messages of its own (ids ≥ 100,000,000) that we ignore.
import { WebSocket } from 'node:http'

export interface Inspector {
  send<T = unknown>(method: string, params?: object): Promise<T>
  close(): void
}

const TIMEOUT_MS = 30_000

export async function connectInspector(port: number): Promise<Inspector> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { origin: 'http://127.0.0.1' } } as unknown as string[])
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let nextId = 1
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } }
    const waiter = message.id === undefined ? undefined : waiting.get(message.id)
    if (!waiter || message.id === undefined) return
    waiting.delete(message.id)
    if (message.error) waiter.reject(new Error(message.error.message))
    else waiter.resolve(message.result ?? {})
  }
  socket.onclose = () => {
    for (const waiter of waiting.values()) waiter.reject(new Error('inspector connection closed'))
    waiting.clear()
  }
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve()
    socket.onerror = () => reject(new Error(`could not connect to the inspector on port ${port}`))
  })
  return {
    send<T>(method: string, params: object = {}) {
      const id = nextId++
      socket.send(JSON.stringify({ id, method, params }))
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id)
          reject(new Error(`inspector: no answer to ${method}`))
        }, TIMEOUT_MS)
        waiting.set(id, {
          resolve: (value) => {
            clearTimeout(timer)
            resolve(value as T)
          },
          reject: (error) => {
            clearTimeout(timer)
            reject(error)
          },
        })
      })
    },
    close: () => socket.close(),
  }
}
