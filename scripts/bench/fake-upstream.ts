/// <reference types="node" />
// The upstream both measured Workers call: a fake OpenAI and a fake GitHub on loopback, prebuilt
// answers from plain node:http so that its own cost is small and the same for both Workers. Run as
// its own process (`node --import tsx fake-upstream.ts PORT`), so that its work never shares an
// event loop with the client's.
//
//   POST /v1/chat/completions      a chat.completion, or with `stream: true` the SSE stream the
//                                  last message describes (StreamShape as JSON), then [DONE]
//   POST /chat/completions         the same, as Copilot (for the Copilot bridge)
//   GET  /copilot_internal/v2/token  a Copilot token for any GitHub token, valid for an hour
//   GET  /user                     the one GitHub user the bench signs up (BENCH_GITHUB_USER)
//   GET  /repos/{o}/{r}/pulls      per_page copies of GitHub's own example pull request
//   GET  /sent/{id}                {bytes, sha256} of the stream sent under that id
//   GET  /                         200, once it listens
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { freePort, HOST, repoRoot, startGroup, waitForOk } from '../local/processes.js'

/** `chunks` content events of `size` characters, each `delayMs` after the previous (the first too); with an `id`, the bytes sent and their SHA-256 are kept under it. */
export type StreamShape = { chunks: number; size: number; delayMs: number; id?: string }

/** Each content event starts with the monotonic time (ns, 20 digits) at which it was written: the same clock in every process. */
export const STAMP = /"content":"(\d{20})\|/

/** The GitHub user the bench's Copilot account is bound to. */
export const BENCH_GITHUB_USER = { id: 1, login: 'octocat' }

const USAGE = { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 }
const chunk = (fields: object) => `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', ...fields })}\n\n`
const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: USAGE,
})
const [HEAD, TAIL] = chunk({ choices: [{ index: 0, delta: { content: '@' }, finish_reason: null }] }).split('@') as [string, string]
const CLOSING = chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })
const USAGE_EVENT = chunk({ choices: [], usage: USAGE })
const PADDING = 'x'.repeat(1 << 20)

function pullsPage(): (perPage: number) => string {
  const spec = JSON.parse(readFileSync(resolve(repoRoot, 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8'))
  const [example] = spec.components.examples['pull-request-simple-items'].value as Array<Record<string, unknown>>
  const pages = new Map<number, string>()
  return (perPage) => {
    const page = pages.get(perPage) ?? JSON.stringify(Array.from({ length: perPage }, (_, index) => ({ ...example, number: index + 1 })))
    pages.set(perPage, page)
    return page
  }
}

async function sendStream(response: ServerResponse, shape: StreamShape, includeUsage: boolean, sent: Map<string, object>) {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
  response.flushHeaders()
  const hash = createHash('sha256')
  let bytes = 0
  const write = async (event: string) => {
    if (shape.id !== undefined) hash.update(event)
    bytes += Buffer.byteLength(event)
    // Backpressure: a 100 MB stream must not pile up in this process either.
    if (!response.write(event)) await once(response, 'drain')
  }
  for (let index = 0; index < shape.chunks && !response.destroyed; index++) {
    if (shape.delayMs > 0) await new Promise((done) => setTimeout(done, shape.delayMs))
    const stamp = String(process.hrtime.bigint()).padStart(20, '0')
    await write(`${HEAD}${stamp}|${PADDING.slice(0, Math.max(0, shape.size - 21))}${TAIL}`)
  }
  await write(CLOSING)
  if (includeUsage) await write(USAGE_EVENT)
  await write('data: [DONE]\n\n')
  response.end()
  if (shape.id !== undefined) sent.set(shape.id, { bytes, sha256: hash.digest('hex') })
}

type ChatRequest = { stream?: boolean; stream_options?: { include_usage?: boolean }; messages: Array<{ content: string }> }

function answer(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) })
  response.end(body)
}

function serve(port: number) {
  const pulls = pullsPage()
  const sent = new Map<string, object>()
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`)
    if (request.method === 'POST' && (url.pathname === '/v1/chat/completions' || url.pathname === '/chat/completions')) {
      const body = JSON.parse(Buffer.concat(await request.toArray()).toString()) as ChatRequest
      if (!body.stream) return answer(response, 200, COMPLETION)
      const shape = JSON.parse(body.messages.at(-1)?.content ?? '') as StreamShape
      return sendStream(response, shape, body.stream_options?.include_usage === true, sent)
    }
    request.resume()
    if (/^\/repos\/[^/]+\/[^/]+\/pulls$/.test(url.pathname)) return answer(response, 200, pulls(Number(url.searchParams.get('per_page') ?? 30)))
    if (url.pathname === '/copilot_internal/v2/token')
      return answer(response, 200, JSON.stringify({ token: 'bench-copilot-token', expires_at: Math.floor(Date.now() / 1000) + 3600 }))
    if (url.pathname === '/user') return answer(response, 200, JSON.stringify(BENCH_GITHUB_USER))
    if (url.pathname.startsWith('/sent/')) {
      const record = sent.get(url.pathname.slice('/sent/'.length))
      return answer(response, record ? 200 : 404, JSON.stringify(record ?? {}))
    }
    answer(response, url.pathname === '/' ? 200 : 404, '{}')
  })
  // Idle keep-alive connections stay open for the whole run, so no measured request opens one.
  server.keepAliveTimeout = 600_000
  server.listen(port, HOST)
}

/** Starts this file as its own process; resolves with its base URL once it answers. */
export async function startFakeUpstream() {
  const port = await freePort()
  const url = `http://${HOST}:${port}`
  const started = startGroup(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(port)])
  await waitForOk(`${url}/`, started, 'the fake upstream', 30_000).catch(async (error) => {
    await started.stop()
    throw error
  })
  return { url, stop: () => started.stop() }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve(Number(process.argv[2]))
