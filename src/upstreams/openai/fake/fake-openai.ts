// In-memory stand-in for OpenAI's chat completions (`POST /v1/chat/completions`), used as
// relaykit's upstream in the local sandbox and in tests. Answers are typed with the official
// `openai` package's types, so they keep OpenAI's shapes; streams are server-sent events ending
// in `data: [DONE]`, with the usage chunk only when `stream_options.include_usage` asks for it.
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from 'openai/resources/chat/completions'
import type { CompletionUsage } from 'openai/resources/completions'
import { forcedAnswer, recordedBody } from '../../fake-failures.js'

export interface RecordedOpenAIRequest {
  method: string
  path: string
  authorization: string | null
  body: unknown
}

export type OpenAIFailure =
  | { status: number; headers?: Record<string, string>; body?: unknown } // answer this instead
  | 'network-error' // fetch rejects
  | 'hang' // never answers; rejects only when the request's signal aborts

export interface FakeOpenAIOptions {
  /** The API key it accepts; any key when unset. */
  apiKey?: string
  /** What the assistant answers, one streamed chunk per word. */
  reply?: string
  /** Milliseconds between streamed chunks. */
  chunkDelayMs?: number
}

export interface FakeOpenAI {
  fetch(request: Request): Promise<Response>
  readonly received: ReadonlyArray<RecordedOpenAIRequest>
  /** Streams whose reader went away before the end. */
  readonly cancelledStreams: number
  failNext(failure: OpenAIFailure): void
  /** The next stream errors after sending this many events (a connection lost mid-answer). */
  breakNextStreamAfter(events: number): void
  /** The next stream sends its first event, then nothing more until cancelled. */
  stallNextStream(): void
}

export const SANDBOX_REPLY = 'Hello from the relaykit sandbox. This answer comes from a fake OpenAI inside the Worker: no prompt left your machine.'

const encoder = new TextEncoder()

export const openAIError = (status: number, message: string, type: string, code: string | null = null, headers: Record<string, string> = {}) =>
  Response.json({ error: { message, type, param: null, code } }, { status, headers: { 'x-request-id': `req_fake${status}`, ...headers } })

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length

function promptWords(params: ChatCompletionCreateParams): number {
  return params.messages.reduce((sum, message) => {
    const content = message.content
    if (typeof content === 'string') return sum + countWords(content)
    if (Array.isArray(content)) return sum + content.reduce((words, part) => words + ('text' in part ? countWords(part.text) : 0), 0)
    return sum
  }, 0)
}

export function createFakeOpenAI({ apiKey, reply = SANDBOX_REPLY, chunkDelayMs = 0 }: FakeOpenAIOptions = {}): FakeOpenAI {
  const received: RecordedOpenAIRequest[] = []
  const failures: OpenAIFailure[] = []
  let breakAfter: number | undefined
  let stall = false
  let cancelledStreams = 0
  let sequence = 0

  function completion(params: ChatCompletionCreateParams) {
    sequence += 1
    const words = reply.split(' ')
    const limit = params.max_completion_tokens ?? params.max_tokens ?? Infinity
    const sent = words.slice(0, limit)
    const usage: CompletionUsage = { prompt_tokens: promptWords(params) + 3 * params.messages.length, completion_tokens: sent.length, total_tokens: 0 }
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens
    return {
      id: `chatcmpl-fake${sequence.toString().padStart(6, '0')}`,
      created: Math.floor(Date.now() / 1000),
      model: `${params.model}-2024-07-18`,
      words: sent,
      finishReason: sent.length < words.length ? ('length' as const) : ('stop' as const),
      usage,
    }
  }

  function json(params: ChatCompletionCreateParams): Response {
    const { id, created, model, words, finishReason, usage } = completion(params)
    const body: ChatCompletion = {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: words.join(' '), refusal: null }, logprobs: null, finish_reason: finishReason }],
      usage,
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
    }
    return Response.json(body, { headers: { 'x-request-id': `req_${id}`, 'openai-processing-ms': '1' } })
  }

  function stream(params: ChatCompletionCreateParams, signal: AbortSignal | undefined): Response {
    const { id, created, model, words, finishReason, usage } = completion(params)
    const withUsage = params.stream_options?.include_usage === true
    const chunk = (choices: ChatCompletionChunk['choices'], chunkUsage: CompletionUsage | null = null): ChatCompletionChunk => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_fake',
      choices,
      ...(withUsage ? { usage: chunkUsage } : {}),
    })
    const events: string[] = [
      JSON.stringify(chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }])),
      ...words.map((word, index) => JSON.stringify(chunk([{ index: 0, delta: { content: index === 0 ? word : ` ${word}` }, logprobs: null, finish_reason: null }]))),
      JSON.stringify(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }])),
      ...(withUsage ? [JSON.stringify(chunk([], usage))] : []),
      '[DONE]',
    ]
    const breakAt = breakAfter
    const stalls = stall
    breakAfter = undefined
    stall = false
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (stalls && sent === 1) {
          await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }))
          return
        }
        if (breakAt !== undefined && sent === breakAt) {
          controller.error(new Error('Network connection lost.'))
          return
        }
        if (sent > 0 && chunkDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, chunkDelayMs))
        controller.enqueue(encoder.encode(`data: ${events[sent]}\n\n`))
        sent += 1
        if (sent === events.length) controller.close()
      },
      cancel() {
        cancelledStreams += 1
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': `req_${id}` } })
  }

  async function answer(request: Request, body: unknown): Promise<Response> {
    const url = new URL(request.url)
    if (request.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
      return openAIError(404, `Invalid URL (${request.method} ${url.pathname})`, 'invalid_request_error')
    }
    const key = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1]
    if (!key || (apiKey !== undefined && key !== apiKey)) {
      return openAIError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
    }
    const params = body as ChatCompletionCreateParams | undefined
    if (!params || typeof params.model !== 'string' || !Array.isArray(params.messages) || params.messages.length === 0) {
      return openAIError(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter')
    }
    return params.stream ? stream(params, request.signal) : json(params)
  }

  return {
    async fetch(request) {
      const body = await recordedBody(request)
      received.push({ method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), body })
      const failure = failures.shift()
      if (failure) return forcedAnswer(failure, request)
      return answer(request, body)
    },
    get received() {
      return received
    },
    get cancelledStreams() {
      return cancelledStreams
    },
    failNext: (failure) => void failures.push(failure),
    breakNextStreamAfter: (events) => {
      breakAfter = events
    },
    stallNextStream: () => {
      stall = true
    },
  }
}
