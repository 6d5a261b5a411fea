import { describe, expect, it } from 'vitest'
import { claudeCodeRequest } from '../../../src/dialects/anthropic/fixtures/claude-code-request.js'
import { accountWithKey, copilotWorker } from '../../support/copilot.js'

// The bridge's Anthropic side inside workerd: the three ways to Copilot, chosen by the model's
// endpoints, count_tokens, and Anthropic's error shape with its request-id header.

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
  })

  it("streams Anthropic's event sequence", async () => {
    const { post } = await bridge()
    const response = await post('/octocat/v1/messages', ask(model, { tools: [weather], stream: true }))
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const types = eventsOf(await response.text()).map((event) => event.type)
    expect(types[0]).toBe('message_start')
    expect(types).toContain('content_block_delta')
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop'])
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
