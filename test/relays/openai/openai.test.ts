import { afterEach, describe, expect, it, vi } from 'vitest'
import { bearer, relaykit, secrets } from '../../support/harness.js'

/** The JSON of an answer: an error body or OpenAI's chat.completion. */
const json = async (
  response: Response, // biome-ignore lint/suspicious/noExplicitAny: answers of several shapes, read field by field.
) => (await response.json()) as Record<string, any>

// The openai relay: who may call it, what reaches OpenAI, and what
// comes back, against the fake OpenAI.

const chat = { messages: [{ role: 'user', content: 'Say hello.' }] }
const relaySecret = { 'X-Relay-Secret': secrets.OPENAI_RELAY_SECRET }
const PATH = '/relay/openai/chat'

afterEach(() => {
  vi.restoreAllMocks()
})

/** What the fake OpenAI was last sent. */
const lastSent = (worker: ReturnType<typeof relaykit>) => worker.openai.received.at(-1)?.body as Record<string, unknown>

describe('who may call it', () => {
  it('accepts the secret as X-Relay-Secret and as a bearer token, at both paths', async () => {
    const worker = relaykit()
    for (const [path, headers] of [
      [PATH, relaySecret],
      ['/relay/openai/v1/chat/completions', bearer(secrets.OPENAI_RELAY_SECRET)],
    ] as const) {
      const response = await worker.post(path, chat, headers)
      expect(response.status).toBe(200)
      expect((await json(response)).object).toBe('chat.completion')
    }
    expect(worker.openai.received).toHaveLength(2)
  })

  it.each([
    ['no secret', {}],
    ['a wrong X-Relay-Secret', { 'X-Relay-Secret': 'wrong-secret-0123456789abcdef0123456789' }],
    ['a wrong bearer token', bearer('wrong-secret-0123456789abcdef0123456789')],
    ['the secret with one character changed', { 'X-Relay-Secret': `${secrets.OPENAI_RELAY_SECRET.slice(0, -1)}X` }],
    ['the GitHub relay secret', bearer(secrets.RELAY_SECRET)],
  ])('refuses %s with 401, and calls nothing', async (_, headers) => {
    const worker = relaykit()
    const response = await worker.post(PATH, chat, headers)
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
    expect(worker.openai.received).toEqual([])
  })

  it('refuses an origin not on the list with 403 even with the right secret, as curl would send it', async () => {
    const worker = relaykit()
    const response = await worker.post(PATH, chat, { ...relaySecret, Origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect((await json(response)).error).toBe('origin_not_allowed')
    expect(worker.openai.received).toEqual([])
  })

  it('answers an allowed origin with CORS headers a browser can read the cap from', async () => {
    const response = await relaykit().post(PATH, { ...chat, max_tokens: 1_000_000 }, { ...relaySecret, Origin: 'https://app.example.com' })
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com')
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Relaykit-Max-Tokens-Capped')
  })

  it('answers a preflight for X-Relay-Secret without a secret', async () => {
    const response = await relaykit().fetch(PATH, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-relay-secret,content-type' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Headers')).toMatch(/X-Relay-Secret/i)
  })

  it('limits each client address, not everyone together', async () => {
    const worker = relaykit({ RATE_LIMIT_OPENAI: '2/minute', OPENAI_RELAY_SECRET: 'openai-relay-secret-for-the-limit-test-0001' })
    const from = (ip: string) => worker.post(PATH, chat, { 'X-Relay-Secret': 'openai-relay-secret-for-the-limit-test-0001', 'CF-Connecting-IP': ip })
    expect([(await from('203.0.113.7')).status, (await from('203.0.113.7')).status]).toEqual([200, 200])
    const limited = await from('203.0.113.7')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await from('203.0.113.8')).status).toBe(200)
    expect(worker.openai.received).toHaveLength(3)
  })
})

describe('the policy, decided on the server', () => {
  it('uses the first allowed model, the default temperature and the token cap when the caller names none', async () => {
    const worker = relaykit({ OPENAI_MAX_TOKENS: '500', OPENAI_TEMPERATURE: '0.3' })
    await worker.post(PATH, chat, relaySecret)
    expect(lastSent(worker)).toEqual({ ...chat, model: 'gpt-4o-mini', temperature: 0.3, max_completion_tokens: 500 })
  })

  it('keeps a temperature of 0 (a falsy check would turn it into the default)', async () => {
    const worker = relaykit()
    await worker.post(PATH, { ...chat, temperature: 0 }, relaySecret)
    expect(lastSent(worker).temperature).toBe(0)
  })

  it('allows the other listed model, and refuses one not on the list with 403 before calling OpenAI', async () => {
    const worker = relaykit()
    expect((await worker.post(PATH, { ...chat, model: 'gpt-4o' }, relaySecret)).status).toBe(200)
    const refused = await worker.post(PATH, { ...chat, model: 'o1-pro' }, relaySecret)
    expect(refused.status).toBe(403)
    const body = await json(refused)
    expect(body.error).toBe('model_not_allowed')
    expect(body.message).toContain('gpt-4o-mini, gpt-4o')
    expect(worker.openai.received).toHaveLength(1)
  })

  it('caps max_tokens above OPENAI_MAX_TOKENS and says so in a header', async () => {
    const worker = relaykit({ OPENAI_MAX_TOKENS: '300' })
    const capped = await worker.post(PATH, { ...chat, max_tokens: 5000 }, relaySecret)
    expect(capped.headers.get('Relaykit-Max-Tokens-Capped')).toBe('300')
    expect(lastSent(worker).max_completion_tokens).toBe(300)
    expect(lastSent(worker)).not.toHaveProperty('max_tokens')
    const newer = await worker.post(PATH, { ...chat, max_completion_tokens: 301 }, relaySecret)
    expect(newer.headers.get('Relaykit-Max-Tokens-Capped')).toBe('300')
    const within = await worker.post(PATH, { ...chat, max_tokens: 12 }, relaySecret)
    expect(within.headers.get('Relaykit-Max-Tokens-Capped')).toBeNull()
    expect(lastSent(worker).max_completion_tokens).toBe(12)
  })

  it.each([
    ['a field OpenAI has that relaykit does not allow', { ...chat, tools: [{ type: 'function', function: { name: 'x' } }] }, 'body.tools'],
    ['several completions at once', { ...chat, n: 5 }, 'body.n'],
    ['no messages', { messages: [] }, 'body.messages'],
    ['a role that is not a chat role', { messages: [{ role: 'tool', content: 'x' }] }, 'body.messages.0.role'],
    ['a temperature out of range', { ...chat, temperature: 3 }, 'body.temperature'],
    ['two different token limits', { ...chat, max_tokens: 5, max_completion_tokens: 6 }, 'body.max_completion_tokens'],
  ])('refuses %s with 422 naming the field, and calls nothing', async (_, body, field) => {
    const worker = relaykit()
    const response = await worker.post(PATH, body, relaySecret)
    expect(response.status).toBe(422)
    const { details } = await json(response)
    expect(details.map((detail: { field: string }) => detail.field)).toContain(field)
    expect(worker.openai.received).toEqual([])
  })

  it('shows its policy, and no secret, at /relay/health', async () => {
    const response = await relaykit({ OPENAI_MAX_TOKENS: '800' }).fetch('/relay/health')
    expect(await json(response)).toEqual({ status: 'ok', relay: 'openai', models: ['gpt-4o-mini', 'gpt-4o'], max_tokens: 800, default_temperature: 0.7 })
  })

  it('answers 503 at /relay/health and on chats, naming what is missing', async () => {
    const worker = relaykit({ OPENAI_API_KEY: '' })
    const health = await worker.fetch('/relay/health')
    expect(health.status).toBe(503)
    expect((await json(health)).message).toContain('OPENAI_API_KEY')
    expect((await worker.post(PATH, chat, relaySecret)).status).toBe(503)
  })
})

describe('streams', () => {
  const streamed = { ...chat, stream: true }

  it('asks OpenAI for usage, and drops the usage chunk the caller did not ask for', async () => {
    const worker = relaykit()
    const text = await (await worker.post(PATH, streamed, relaySecret)).text()
    expect(lastSent(worker).stream_options).toEqual({ include_usage: true })
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
    expect(text).not.toMatch(/"usage":\{/)
  })

  it('passes the usage chunk when the caller asked for it', async () => {
    const text = await (await relaykit().post(PATH, { ...streamed, stream_options: { include_usage: true } }, relaySecret)).text()
    expect(text).toMatch(/"choices":\[\],"usage":\{"prompt_tokens":\d+/)
  })

  it("passes OpenAI's bytes through unchanged, as an uncompressed event stream", async () => {
    const worker = relaykit()
    const relayed = await worker.post(PATH, { ...streamed, stream_options: { include_usage: true } }, relaySecret)
    const direct = await worker.openai.fetch(
      new Request('https://openai-api.test/v1/chat/completions', { method: 'POST', headers: bearer(secrets.OPENAI_API_KEY), body: JSON.stringify(lastSent(worker)) }),
    )
    const strip = (text: string) => text.replace(/chatcmpl-fake\d+/g, 'id').replace(/"created":\d+/g, '')
    expect(strip(await relayed.text())).toBe(strip(await direct.text()))
    expect(relayed.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
    expect(relayed.headers.get('Content-Encoding')).toBeNull()
    expect(relayed.headers.get('Cache-Control')).toBe('no-store, no-transform')
  })

  it('cancels the OpenAI stream when the caller goes away', async () => {
    const worker = relaykit({}, { openai: { chunkDelayMs: 20 } })
    const response = await worker.post(PATH, streamed, relaySecret)
    const reader = response.body!.getReader()
    await reader.read()
    await reader.cancel()
    await vi.waitFor(() => expect(worker.openai.cancelledStreams).toBe(1))
  })

  it('aborts the OpenAI request when the caller leaves before OpenAI begins answering', async () => {
    let upstream: AbortSignal | undefined
    const hangingOpenAI = (request: Request) => {
      upstream = request.signal
      return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)))
    }
    const worker = relaykit({ OPENAI_TIMEOUT_MS: '60000' }, { openaiFetch: hangingOpenAI })
    const caller = new AbortController()
    const answer = worker.fetch(PATH, { method: 'POST', headers: { ...relaySecret, 'Content-Type': 'application/json' }, body: JSON.stringify(streamed), signal: caller.signal })
    await vi.waitFor(() => expect(upstream).toBeDefined())
    caller.abort()
    await answer
    expect(upstream!.aborted).toBe(true)
  })

  it('ends cleanly with an error event when OpenAI breaks off mid-stream', async () => {
    const worker = relaykit()
    worker.openai.breakNextStreamAfter(3)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const response = await worker.post(PATH, streamed, relaySecret)
    expect(response.status).toBe(200)
    const events = (await response.text()).trim().split('\n\n')
    expect(events).toHaveLength(4)
    expect(JSON.parse(events[3]!.slice('data: '.length)).error.code).toBe('openai_stream_interrupted')
    expect(errors.mock.calls.map(([line]) => JSON.parse(line).msg)).toContain('openai_stream_broken')
  })
})

describe('when OpenAI fails before answering', () => {
  it.each([
    ['cannot be reached', 'network-error' as const, 502, 'openai_unreachable'],
    [
      'refuses the API key',
      { status: 401, body: { error: { message: 'Incorrect API key provided: sk-TEST…', type: 'invalid_request_error', code: 'invalid_api_key' } } },
      502,
      'openai_key_rejected',
    ],
    [
      'is out of quota',
      { status: 429, body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } },
      502,
      'openai_quota_exceeded',
    ],
    ['fails', { status: 500, body: { error: { message: 'The server had an error', type: 'server_error', code: null } } }, 502, 'openai_error'],
    [
      'refuses the request',
      {
        status: 400,
        body: { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } },
      },
      422,
      'openai_rejected_request',
    ],
  ])('%s: %s', async (_, failure, status, code) => {
    const worker = relaykit()
    worker.openai.failNext(failure)
    const response = await worker.post(PATH, { ...chat, stream: true }, relaySecret)
    expect(response.headers.get('Content-Type')).toBe('application/json')
    const body = await json(response)
    expect([response.status, body.error]).toEqual([status, code])
    expect(body.message).not.toContain('sk-TEST')
  })

  it("is rate limited: 429 with OpenAI's wait", async () => {
    const worker = relaykit()
    worker.openai.failNext({
      status: 429,
      headers: { 'retry-after-ms': '1500' },
      body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    })
    const response = await worker.post(PATH, chat, relaySecret)
    expect([response.status, response.headers.get('Retry-After')]).toEqual([429, '2'])
    expect((await json(response)).error).toBe('openai_rate_limited')
  })

  it('does not answer within OPENAI_TIMEOUT_MS: 504', async () => {
    const worker = relaykit({ OPENAI_TIMEOUT_MS: '50' })
    worker.openai.failNext('hang')
    const response = await worker.post(PATH, chat, relaySecret)
    expect([response.status, (await json(response)).error]).toEqual([504, 'openai_timeout'])
  })
})

describe('logs', () => {
  it('hold token counts per caller, and never a prompt, a completion or a secret', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line))
    const prompt = 'PROMPT-CANARY the launch code is 0000'
    const reply = 'COMPLETION-CANARY never repeat this'
    const worker = relaykit({}, { openai: { reply } })
    await (await worker.post(PATH, { messages: [{ role: 'user', content: prompt }] }, relaySecret)).text()
    await (await worker.post(PATH, { messages: [{ role: 'user', content: prompt }], stream: true }, relaySecret)).text()
    worker.openai.breakNextStreamAfter(2)
    await (await worker.post(PATH, { messages: [{ role: 'user', content: prompt }], stream: true }, bearer(secrets.OPENAI_RELAY_SECRET))).text()
    worker.openai.failNext({ status: 400, body: { error: { message: `echo: ${prompt}`, type: 'invalid_request_error', code: null } } })
    await (await worker.post(PATH, { messages: [{ role: 'user', content: prompt }] }, relaySecret)).text()

    const usage = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'openai_usage')
    expect(usage).toHaveLength(2)
    expect(usage[0]).toMatchObject({ relay: 'openai', model: 'gpt-4o-mini', caller: expect.stringMatching(/^sha256:[0-9a-f]{16}$/), total_tokens: expect.any(Number) })
    const everything = lines.join('\n')
    for (const secret of ['CANARY', 'launch code', secrets.OPENAI_RELAY_SECRET, secrets.OPENAI_API_KEY]) expect(everything).not.toContain(secret)
  })
})
