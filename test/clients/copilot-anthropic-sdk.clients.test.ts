/// <reference types="node" />
// The official `@anthropic-ai/sdk` against the Copilot bridge's Anthropic side on a running
// relaykit (`wrangler dev`, not the sandbox), with a fake GitHub and a fake Copilot on loopback: a
// message and a streamed message with a tool call on each of the three ways to Copilot,
// countTokens, a Claude Code-shaped request, a wrong key and the rate limit.
import Anthropic, { AuthenticationError, NotFoundError, RateLimitError } from '@anthropic-ai/sdk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { claudeCodeRequest } from '../../src/dialects/anthropic/fixtures/claude-code-request.js'
import { FAKE_OCTOCAT } from '../../src/upstreams/copilot/fake/fake-github.js'
import { ACCOUNT_LIMIT, COPILOT_TOKEN_KEY, type CopilotWithFakes, HUBOT, setupPageOf, startCopilotWithFakes } from './copilot-with-fakes.js'

let bridge: CopilotWithFakes
let key: string
const secrets: string[] = [COPILOT_TOKEN_KEY, FAKE_OCTOCAT.githubToken, HUBOT.githubToken, 'tid=fake']

beforeAll(async () => {
  bridge = await startCopilotWithFakes()
  const page = setupPageOf(bridge.baseUrl)
  await page.signInWithDeviceFlow()
  await page.signUp('octocat')
  ;({ key } = await page.makeKey('octocat', 'anthropic clients test'))
  secrets.push(key)
})

afterAll(async () => {
  const output = bridge?.log() ?? ''
  await bridge?.stop()
  for (const secret of secrets) expect(output, `the Worker's output holds ${secret.slice(0, 10)}…`).not.toContain(secret)
})

// No retries: a refusal must show as it happened.
const anthropic = (apiKey = key, username = 'octocat') => new Anthropic({ baseURL: `${bridge.baseUrl}/${username}`, apiKey, maxRetries: 0 })

const weather = { name: 'get_weather', description: 'The weather.', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] } }

describe.each([
  ['native', 'claude-sonnet-4-5-20250929', '/v1/messages'],
  ['Chat Completions', 'gpt-4.1', '/chat/completions'],
  ['Responses', 'gpt-5-codex', '/responses'],
])('the Anthropic SDK through the bridge, %s', (_, model, upstreamPath) => {
  test('answers a message with a tool call', async () => {
    const message = await anthropic().messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Weather?' }], tools: [weather] })
    expect(message.stop_reason).toBe('tool_use')
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({ name: 'get_weather', input: { city: expect.any(String) } })
    expect(bridge.copilot.received.at(-1)?.path).toBe(upstreamPath)
  })

  test('streams a message with a tool call, the final message assembled by the SDK', async () => {
    const stream = anthropic().messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Weather?' }], tools: [weather] })
    const message = await stream.finalMessage()
    expect(message.stop_reason).toBe('tool_use')
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({ name: 'get_weather', input: { city: expect.any(String) } })
  })

  test("answers Claude Code's request as Claude Code sends it", async () => {
    const { model: _dated, ...rest } = claudeCodeRequest
    const stream = anthropic().beta.messages.stream({ ...(rest as object), model: model.startsWith('claude') ? claudeCodeRequest.model : model } as never, {
      headers: { 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14', 'x-app': 'cli' },
    })
    const message = await stream.finalMessage()
    expect(['end_turn', 'tool_use']).toContain(message.stop_reason)
    const sent = bridge.copilot.received.at(-1)
    expect(sent?.path).toBe(upstreamPath)
    expect(JSON.stringify(sent?.headers)).not.toContain(key)
  })
})

describe('the Anthropic SDK, counting and refusals', () => {
  test('counts tokens', async () => {
    const { input_tokens: tokens } = await anthropic().messages.countTokens({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello there.' }] })
    expect(tokens).toBeGreaterThan(3)
  })

  test('raises NotFoundError for a model the account lacks', async () => {
    const error = await anthropic()
      .messages.create({ model: 'claude-haiku-9', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(NotFoundError)
  })

  test('raises AuthenticationError for a wrong key, with the request id', async () => {
    const error = await anthropic('acpc-wrong')
      .messages.create({ model: 'gpt-4.1', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as AuthenticationError).requestID).toMatch(/^req_/)
    expect((error as AuthenticationError).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } })
  })

  test("raises RateLimitError over the account's limit, with retry-after", async () => {
    const page = setupPageOf(bridge.baseUrl)
    await page.signUp('hubot', HUBOT.githubToken)
    const { key: hubotKey } = await page.makeKey('hubot', 'limits')
    secrets.push(hubotKey)
    const client = anthropic(hubotKey, 'hubot')
    for (let call = 0; call < ACCOUNT_LIMIT; call += 1) await client.messages.countTokens({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }] })
    const error = await client.messages.countTokens({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }] }).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(Number((error as RateLimitError).headers?.get('retry-after'))).toBeGreaterThan(0)
  })
})
