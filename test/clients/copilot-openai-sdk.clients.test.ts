/// <reference types="node" />
// The official `openai` package against the Copilot bridge of a running relaykit (`wrangler dev`,
// not the sandbox), with a fake GitHub and a fake Copilot on loopback: an account made as a person
// makes it (device-flow sign-in, username, key), then models, chat plain and streamed with a tool
// call, responses plain and streamed, embeddings, a wrong key, a revoked key, the rate limit, and
// an upstream 401 that a new token exchange fixes. Nothing secret may show in the Worker's output.
import OpenAI, { APIError, AuthenticationError, RateLimitError } from 'openai'
import type { ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { ResponseStreamEvent } from 'openai/resources/responses/responses'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FAKE_COPILOT_REPLY } from '../../src/upstreams/copilot/fake/fake-copilot.js'
import { FAKE_OCTOCAT } from '../../src/upstreams/copilot/fake/fake-github.js'
import { ACCOUNT_LIMIT, CHUNK_DELAY_MS, COPILOT_TOKEN_KEY, type CopilotWithFakes, HUBOT, setupPageOf, startCopilotWithFakes } from './copilot-with-fakes.js'

let bridge: CopilotWithFakes
let key: string
const secrets: string[] = [COPILOT_TOKEN_KEY, FAKE_OCTOCAT.githubToken, HUBOT.githubToken, 'fake-device-code', 'tid=fake']

beforeAll(async () => {
  bridge = await startCopilotWithFakes()
  const page = setupPageOf(bridge.baseUrl)
  expect(await page.signInWithDeviceFlow()).toMatchObject({ status: 'signed_in', github_login: 'octocat' })
  await page.signUp('octocat')
  ;({ key } = await page.makeKey('octocat', 'clients test'))
  secrets.push(key, page.cookie?.split('=')[1] ?? 'no-cookie')
})

afterAll(async () => {
  const output = bridge?.log() ?? ''
  await bridge?.stop()
  if (process.env.RELAYKIT_CLIENTS_LOG === '1') console.log(`--- wrangler output ---\n${output}`)
  expect(output).toContain('"msg":"request"')
  for (const secret of secrets) expect(output, `the Worker's output holds ${secret.slice(0, 10)}…`).not.toContain(secret)
})

// No retries: a refusal must show as it happened.
const openai = (apiKey = key, username = 'octocat') => new OpenAI({ baseURL: `${bridge.baseUrl}/${username}/v1`, apiKey, maxRetries: 0 })

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
}

async function collect<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; at: number[] }> {
  const items: T[] = []
  const at: number[] = []
  for await (const item of stream) {
    items.push(item)
    at.push(performance.now())
  }
  return { items, at }
}

async function apiErrorOf(call: () => Promise<unknown>): Promise<APIError> {
  const error = await call().catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(APIError)
  return error as APIError
}

describe('the openai package through the Copilot bridge', () => {
  test("lists the account's models, free ones first, each with free", async () => {
    const models = await openai().models.list()
    const listed = models.data as unknown as { id: string; free: boolean }[]
    expect(listed[0]).toMatchObject({ id: 'gpt-4.1', free: true })
    expect(listed.find((model) => model.id === 'claude-sonnet-4.5')).toMatchObject({ free: false })
  })

  test("answers a chat with Copilot's reply, sent with the Copilot token and never the caller's key", async () => {
    const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello.' }] })
    expect(completion.choices[0]?.message.content).toBe(FAKE_COPILOT_REPLY)
    const sent = bridge.copilot.received.at(-1)
    expect(sent?.headers.authorization).toMatch(/^Bearer tid=fake\d+;/)
    expect(JSON.stringify(sent?.headers)).not.toContain(key)
  })

  test('streams a chat with a tool call: its argument deltas arrive as Copilot sent them, event by event', async () => {
    const stream = await openai().chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Weather?' }], tools: [weatherTool], stream: true })
    const { items, at } = await collect<ChatCompletionChunk>(stream)
    const argumentsSent = items.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls?.map((call) => call.function?.arguments ?? '') ?? []))
    expect(JSON.parse(argumentsSent.join(''))).toEqual({ city: 'example' })
    expect(items.flatMap((chunk) => chunk.choices.map((choice) => choice.index))).toContain(1)
    expect(items.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } })
    // Not buffered: the events came over time, as the fake wrote them.
    expect(at.at(-1)! - at[0]!).toBeGreaterThan(CHUNK_DELAY_MS * 3)
  })

  test('answers the Responses API, plain and streamed', async () => {
    const response = await openai().responses.create({ model: 'gpt-5-codex', input: 'Hello.', store: false })
    expect(response.output_text).toBe(FAKE_COPILOT_REPLY)
    const { items } = await collect<ResponseStreamEvent>(await openai().responses.create({ model: 'gpt-5-codex', input: 'Hello.', stream: true }))
    expect(items[0]?.type).toBe('response.created')
    expect(items.at(-1)).toMatchObject({ type: 'response.completed', response: { output_text: FAKE_COPILOT_REPLY } })
  })

  test('embeds a string', async () => {
    const embeddings = await openai().embeddings.create({ model: 'text-embedding-3-small', input: 'hello world' })
    expect(embeddings.data).toHaveLength(1)
    expect(embeddings.data[0]?.embedding.length).toBeGreaterThan(0)
  })

  test('refuses a wrong key as an AuthenticationError with the reason', async () => {
    const error = await apiErrorOf(() => openai('acpc-wrong').models.list())
    expect(error).toBeInstanceOf(AuthenticationError)
    expect([error.status, error.code, error.type]).toEqual([401, 'invalid_api_key', 'authentication_error'])
    expect(error.message).toContain('Make a new key at')
  })

  test('exchanges the Copilot token again when Copilot refuses it, and the call succeeds', async () => {
    await openai().chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello.' }] })
    const before = bridge.github.exchanges
    bridge.github.revokeCopilotTokens()
    const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello.' }] })
    expect(completion.choices[0]?.message.content).toBe(FAKE_COPILOT_REPLY)
    expect(bridge.github.exchanges).toBe(before + 1)
  })

  test('refuses a revoked key at once, saying so', async () => {
    const page = setupPageOf(bridge.baseUrl)
    await page.signInWithDeviceFlow()
    await page.signUp('octocat')
    const second = await page.makeKey('octocat', 'revoked soon')
    secrets.push(second.key)
    expect((await openai(second.key).models.list()).data.length).toBeGreaterThan(0)
    await page.revokeKey('octocat', second.id)
    const error = await apiErrorOf(() => openai(second.key).models.list())
    expect([error.status, error.code]).toEqual([401, 'invalid_api_key'])
    expect(error.message).toContain('it was revoked')
  })

  test("stops an account over relaykit's limit with a RateLimitError and the wait", async () => {
    const page = setupPageOf(bridge.baseUrl)
    await page.signUp('hubot', HUBOT.githubToken)
    const { key: hubotKey } = await page.makeKey('hubot', 'limits')
    secrets.push(hubotKey)
    const client = openai(hubotKey, 'hubot')
    for (let call = 0; call < ACCOUNT_LIMIT; call += 1) await client.models.list()
    const error = await apiErrorOf(() => client.models.list())
    expect(error).toBeInstanceOf(RateLimitError)
    expect([error.status, error.code, error.type]).toEqual([429, 'rate_limited', 'rate_limit_error'])
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0)
  })
})
