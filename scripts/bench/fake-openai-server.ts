/// <reference types="node" />
// A fast fake of OpenAI's chat completions endpoint on loopback, the upstream of every target the
// bench measures (called directly, through the bare Worker, and through relaykit). Plain node:http
// and prebuilt answers keep its own cost small and, above all, the same for every target.
//
//   POST /v1/chat/completions   non-streamed: a chat.completion; streamed: SSE events shaped by
//                               the prompt (see stream-shape.ts), then `data: [DONE]`
//   GET  /bench/streams/<id>    {bytes, sha256, events} of the stream sent under that id
//
// Run as its own process (`node --import tsx fake-openai-server.ts [port]`) so that its work never
// shares an event loop with the client's; it prints `listening on <port>` when ready.
import { createHash, type Hash } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { pathToFileURL } from 'node:url'
import { parseShape, stampedContent, type StreamShape } from './stream-shape.js'

interface ChatRequest {
  model?: string
  stream?: boolean
  stream_options?: { include_usage?: boolean }
  messages?: Array<{ content?: unknown }>
}

export interface StreamRecord {
  bytes: number
  sha256: string
  events: number
}

const CREATED = Math.floor(Date.now() / 1000)
const USAGE = { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 }
const PADDING = 'x'.repeat(1 << 20)

function completion(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: USAGE,
    system_fingerprint: 'fp_bench',
  })
}

/** Prebuilt non-streamed answers, one per model name seen. */
const completions = new Map<string, Buffer>()

const chunkEvent = (model: string, delta: object, finishReason: string | null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`

async function readJson(request: IncomingMessage): Promise<ChatRequest> {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatRequest
}

function sendJson(response: ServerResponse, status: number, body: Buffer | string) {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  response.end(body)
}

async function sendStream(response: ServerResponse, model: string, shape: StreamShape, includeUsage: boolean, records: Map<string, StreamRecord>) {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
  response.flushHeaders()
  let closed = false
  response.once('close', () => {
    closed = true
  })
  const hash: Hash | undefined = shape.id === undefined ? undefined : createHash('sha256')
  let bytes = 0
  let events = 0
  const write = async (event: string) => {
    hash?.update(event)
    bytes += Buffer.byteLength(event)
    events += 1
    // Respect backpressure: a 100 MB stream must not pile up in this process's memory either.
    if (!response.write(event)) await once(response, 'drain')
  }
  // The content's prefix and suffix never change within a stream; only the stamp does.
  const head = `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":${CREATED},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":{"content":"`
  const tail = '"},"logprobs":null,"finish_reason":null}]}\n\n'
  for (let i = 0; i < shape.chunks && !closed; i++) {
    if (shape.delayMs > 0) await new Promise((done) => setTimeout(done, shape.delayMs))
    await write(head + stampedContent(process.hrtime.bigint(), shape.size, PADDING) + tail)
  }
  if (closed) return
  await write(chunkEvent(model, {}, 'stop'))
  if (includeUsage) await write(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage: USAGE })}\n\n`)
  await write('data: [DONE]\n\n')
  response.end()
  if (hash && shape.id !== undefined) records.set(shape.id, { bytes, sha256: hash.digest('hex'), events })
}

export function createFakeOpenAIServer(): Server {
  const records = new Map<string, StreamRecord>()
  const server = createServer(async (request, response) => {
    try {
      if (request.method === 'POST' && request.url === '/v1/chat/completions') {
        const body = await readJson(request)
        const model = body.model ?? 'gpt-4o-mini'
        if (!body.stream) {
          const answer = completions.get(model) ?? Buffer.from(completion(model))
          completions.set(model, answer)
          return sendJson(response, 200, answer)
        }
        const content = body.messages?.[0]?.content
        const shape = (typeof content === 'string' && parseShape(content)) || { chunks: 10, size: 64, delayMs: 0 }
        return await sendStream(response, model, shape, body.stream_options?.include_usage === true, records)
      }
      const recordId = request.method === 'GET' && request.url?.startsWith('/bench/streams/') ? decodeURIComponent(request.url.slice('/bench/streams/'.length)) : undefined
      if (recordId !== undefined) {
        const record = records.get(recordId)
        return sendJson(response, record ? 200 : 404, JSON.stringify(record ?? { error: 'no such stream' }))
      }
      request.resume()
      sendJson(response, 404, JSON.stringify({ error: { message: `fake OpenAI: no ${request.method} ${request.url}`, type: 'invalid_request_error' } }))
    } catch (error) {
      if (!response.headersSent) sendJson(response, 400, JSON.stringify({ error: { message: String(error), type: 'invalid_request_error' } }))
      else response.destroy()
    }
  })
  // Keep idle keep-alive connections (from workerd and from the client) open for the whole run,
  // so no measured request pays for a new connection.
  server.keepAliveTimeout = 600_000
  server.headersTimeout = 610_000
  return server
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = createFakeOpenAIServer()
  server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
    const address = server.address()
    console.log(`listening on ${typeof address === 'object' && address ? address.port : '?'}`)
  })
}
