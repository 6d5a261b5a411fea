import { afterEach, describe, expect, it, vi } from 'vitest'
import { claudeCodeRequest } from '../../../src/dialects/anthropic/fixtures/claude-code-request.js'
import type { RecordedRequest } from '../../../src/upstreams/copilot/fake/recorder.js'
import { accountWithKey, type CopilotWorker, copilotWorker } from '../../support/copilot.js'
import { betaMessagesFields, chatCompletionsFields, messagesFields, responsesFields } from '../../support/copilot-request-fields.js'
import { fieldsOutside } from '../../support/sdk-fields.js'

// The bridge's Anthropic side inside workerd: the three ways to Copilot, chosen by the model's
// endpoints, each request held to the official SDK's type for its API; how streams end, and the
// usage line each logs; count_tokens, and Anthropic's error shape with its request-id header.

const ask = (model: string, extra: Record<string, unknown> = {}) => ({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Hello.' }], ...extra })
const weather = { name: 'get_weather', description: 'The weather.', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }

async function bridge() {
  const w = copilotWorker()
  const { key } = await accountWithKey(w)
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => w.send('POST', path, { headers: { 'x-api-key': key, ...headers }, body })
  return { w, post }
}

const eventsOf = (text: string) =>
  text
    .split('\n\n')
    .filter((event) => event.includes('data: '))
    .map((event) => JSON.parse(/^data: (.*)$/m.exec(event)?.[1] ?? '{}') as { type: string; [key: string]: unknown })

/** What a request relaykit sent Copilot holds beyond the official SDK's request type for its API. */
function offContract({ path, headers, body }: RecordedRequest): string[] {
  if (path === '/chat/completions') return fieldsOutside(chatCompletionsFields, body)
  if (path === '/responses') return fieldsOutside(responsesFields, body)
  return headers['anthropic-beta'] ? fieldsOutside(betaMessagesFields, body) : fieldsOutside(messagesFields, body)
}

/** Every request to the model's API was held to its official contract. */
function expectOfficialBodies(w: CopilotWorker, path: string) {
  const sent = w.copilot.received.filter((request) => request.path === path)
  expect(sent.length).toBeGreaterThan(0)
  for (const request of sent) expect(offContract(request)).toEqual([])
}

describe.each([
  ['native', 'claude-sonnet-4-5-20250929', '/v1/messages'],
  ['chat completions', 'gpt-4.1', '/chat/completions'],
  ['responses', 'gpt-5-codex', '/responses'],
])('POST /:username/v1/messages, %s', (_, model, upstreamPath) => {
  it('answers an Anthropic message with a tool call, sent to the endpoint the model is served on', async () => {
    const { w, post } = await bridge()
    const response = await post('/octocat/v1/messages?beta=true', ask(model, { tools: [weather] }))
    expect(response.status).toBe(200)
    const message = (await response.json()) as { type: string; content: { type: string; name?: string; input?: unknown }[]; stop_reason: string }
    expect(message.type).toBe('message')
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({ name: 'get_weather', input: { city: expect.any(String) } })
    expect(message.stop_reason).toBe('tool_use')
    expect(w.copilot.received.at(-1)?.path).toBe(upstreamPath)
    expectOfficialBodies(w, upstreamPath)
  })

  it("streams Anthropic's event sequence", async () => {
    const { w, post } = await bridge()
    const response = await post('/octocat/v1/messages', ask(model, { tools: [weather], stream: true }))
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const types = eventsOf(await response.text()).map((event) => event.type)
    expect(types[0]).toBe('message_start')
    expect(types).toContain('content_block_delta')
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop'])
    expectOfficialBodies(w, upstreamPath)
  })

  it("answers Claude Code's request as Claude Code expects, Copilot refusing nothing", async () => {
    const { w, post } = await bridge()
    const response = await post(
      '/octocat/v1/messages?beta=true',
      { ...claudeCodeRequest, model: model === 'gpt-4.1' ? 'gpt-4.1' : claudeCodeRequest.model.replace('claude-sonnet-4-5-20250929', model) },
      { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14' },
    )
    expect(response.status).toBe(200)
    const types = eventsOf(await response.text()).map((event) => event.type)
    expect(types.at(-1)).toBe('message_stop')
    expectOfficialBodies(w, upstreamPath)
    const sent = w.copilot.received.at(-1)
    if (upstreamPath === '/v1/messages') {
      expect(sent?.headers['anthropic-beta']).toBe('claude-code-20250219,interleaved-thinking-2025-05-14')
      expect(sent?.headers['anthropic-version']).toBe('2023-06-01')
      expect(JSON.stringify(sent?.body)).not.toContain('eager_input_streaming')
    } else {
      expect(JSON.stringify(sent?.body)).not.toMatch(/cache_control|defer_loading|context_management/)
    }
  })
})

describe('the Anthropic side', () => {
  it('counts tokens with a real tokenizer', async () => {
    const { post } = await bridge()
    const short = (await (await post('/octocat/v1/messages/count_tokens', ask('claude-sonnet-4-5'))).json()) as { input_tokens: number }
    const long = (await (await post('/octocat/v1/messages/count_tokens', { ...ask('claude-sonnet-4-5'), system: 'You are a careful assistant. '.repeat(20) })).json()) as {
      input_tokens: number
    }
    expect(short.input_tokens).toBeGreaterThan(3)
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 80)
  })

  it("answers an unknown model with not_found_error naming the account's models, and a request-id", async () => {
    const { post } = await bridge()
    const response = await post('/octocat/v1/messages', ask('claude-haiku-9'))
    expect(response.status).toBe(404)
    const body = (await response.json()) as { type: string; error: { type: string; message: string }; request_id: string }
    expect(body).toMatchObject({ type: 'error', error: { type: 'not_found_error' } })
    expect(body.error.message).toContain('claude-sonnet-4.5')
    expect(response.headers.get('request-id')).toBe(body.request_id)
  })

  it("answers a wrong key in Anthropic's shape, and the OpenAI side keeps OpenAI's", async () => {
    const { w } = await bridge()
    const anthropic = await w.send('POST', '/octocat/v1/messages', { headers: { 'x-api-key': 'acpc-wrong' }, body: ask('gpt-4.1') })
    expect(anthropic.status).toBe(401)
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } })
    const openai = await w.send('POST', '/octocat/v1/chat/completions', { headers: { 'x-api-key': 'acpc-wrong' }, body: { model: 'gpt-4.1', messages: [] } })
    expect(await openai.json()).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } })
  })
})

type Fetch = (request: Request) => Promise<Response>

/** Copilot's Messages streams as they began, their first `kept` events, then `ending` and the end of the body. */
const endingEarly =
  (kept: number, ending = '') =>
  (fake: Fetch): Fetch =>
  async (request) => {
    const response = await fake(request)
    if (new URL(request.url).pathname !== '/v1/messages') return response
    const events = (await response.text()).split('\n\n').slice(0, kept)
    return new Response(events.map((event) => `${event}\n\n`).join('') + ending, response)
  }

/** The usage lines relaykit logs while the test runs. */
function usageLines() {
  const lines: { msg?: string }[] = []
  const keep = (line: unknown) => {
    try {
      lines.push(JSON.parse(String(line)))
    } catch {}
  }
  vi.spyOn(console, 'log').mockImplementation(keep)
  vi.spyOn(console, 'error').mockImplementation(keep)
  return () => lines.filter((line) => line.msg === 'copilot_usage')
}

describe('the end of a stream', () => {
  afterEach(() => vi.restoreAllMocks())

  /** The bridge with the account's models listed already, so that a failure forced on Copilot meets the Messages call. */
  async function listedBridge(model: string) {
    const ready = await bridge()
    await ready.post('/octocat/v1/messages', ask(model))
    return ready
  }

  // Copilot's own stream reports the input tokens as it begins; the translated ones count only at the end.
  describe.each([
    ['native', 'claude-sonnet-4-5', 'claude-sonnet-4.5', 1],
    ['chat completions', 'gpt-4.1', 'gpt-4.1', null],
    ['responses', 'gpt-5-codex', 'gpt-5-codex', null],
  ])('%s', (_, model, copilotModel, promptTokensAtStart) => {
    it('logs one usage line once the message is complete', async () => {
      const logged = usageLines()
      const { post } = await bridge()
      await (await post('/octocat/v1/messages', ask(model, { stream: true }))).text()
      expect(logged()).toEqual([expect.objectContaining({ model: copilotModel, stream: true, outcome: 'complete', prompt_tokens: 1, completion_tokens: 10 })])
    })

    it('logs one usage line, marked cancelled, when the caller goes away mid-answer', async () => {
      const logged = usageLines()
      const w = copilotWorker({}, { copilot: { chunkDelayMs: 20 } })
      const { key } = await accountWithKey(w)
      const response = await w.send('POST', '/octocat/v1/messages', { headers: { 'x-api-key': key }, body: ask(model, { stream: true }) })
      const reader = response.body!.getReader()
      await reader.read()
      await reader.cancel()
      await vi.waitFor(() => expect(w.copilot.cancelledStreams).toBe(1))
      expect(logged()).toEqual([expect.objectContaining({ model: copilotModel, stream: true, outcome: 'cancelled', prompt_tokens: promptTokensAtStart })])
    })

    it('ends with an error event after what was sent when Copilot breaks off, and logs the break', async () => {
      const { w, post } = await listedBridge(model)
      const logged = usageLines()
      w.copilot.failNext('break-mid-stream')
      const events = eventsOf(await (await post('/octocat/v1/messages', ask(model, { stream: true }))).text())
      expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'api_error', message: expect.stringMatching(/broke/) } })
      expect(events.filter((event) => event.type === 'error')).toHaveLength(1)
      expect(events[0]?.type).toBe('message_start')
      expect(logged()).toEqual([expect.objectContaining({ model: copilotModel, outcome: 'broken', prompt_tokens: promptTokensAtStart })])
    })
  })

  it('passes on the native stream Copilot sent before it broke, then the error event, and logs the input tokens it had counted', async () => {
    const { w, post } = await listedBridge('claude-sonnet-4-5')
    const logged = usageLines()
    w.copilot.failNext('break-mid-stream')
    const text = await (await post('/octocat/v1/messages', ask('claude-sonnet-4-5', { stream: true }))).text()
    const [start, block, error, ...rest] = text.split('\n\n')
    expect([start, block].map((event) => event?.split('\n')[0])).toEqual(['event: message_start', 'event: content_block_start'])
    expect(error).toMatch(/^event: error\ndata: \{"type":"error","error":\{"type":"api_error"/)
    expect(rest).toEqual([''])
    expect(logged()).toEqual([expect.objectContaining({ outcome: 'broken', reason: 'read_failed', prompt_tokens: 1, completion_tokens: 0 })])
  })

  it('ends a native stream that stops before message_stop with an error event, never as if it had finished', async () => {
    const logged = usageLines()
    const w = copilotWorker({}, {}, endingEarly(3))
    const { key } = await accountWithKey(w)
    const response = await w.send('POST', '/octocat/v1/messages', { headers: { 'x-api-key': key }, body: ask('claude-sonnet-4-5', { stream: true }) })
    const types = eventsOf(await response.text()).map((event) => event.type)
    expect(types).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'error'])
    expect(logged()).toEqual([expect.objectContaining({ outcome: 'broken', reason: 'unfinished' })])
  })

  it("passes on Copilot's own error event as it is, adding none", async () => {
    const logged = usageLines()
    const overloaded = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'
    const w = copilotWorker({}, {}, endingEarly(3, overloaded))
    const { key } = await accountWithKey(w)
    const response = await w.send('POST', '/octocat/v1/messages', { headers: { 'x-api-key': key }, body: ask('claude-sonnet-4-5', { stream: true }) })
    const text = await response.text()
    expect(text.endsWith(overloaded)).toBe(true)
    expect(eventsOf(text).filter((event) => event.type === 'error')).toHaveLength(1)
    expect(logged()).toEqual([expect.objectContaining({ outcome: 'failed' })])
  })
})
