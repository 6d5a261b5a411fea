/// <reference types="node" />
// Real clients against a running relaykit (`wrangler dev`, not the sandbox): the official `openai`
// package, its baseURL pointed at each chat relay, completes streamed and non-streamed chats
// answered by a fake OpenAI that speaks OpenAI's wire format; the gateway accepts a real RS256
// access token from a test issuer and refuses the unentitled and the invalid. Raw HTTP then shows
// that a stream reaches the client event by event and that a client going away cancels OpenAI's.
import OpenAI, { APIError } from 'openai'
import type { ChatCompletionChunk, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FakeIdentity, MintOptions } from '../../src/upstreams/identity/fake/fake-identity.js'
import type { FakeOpenAI } from '../../src/upstreams/openai/fake/fake-openai.js'
import { CHUNK_DELAY_MS, MODELS, OPENAI_API_KEY, RELAY_SECRET, REPLY, startRelaykitWithFakes, type RelaykitWithFakes } from './relaykit-with-fakes.js'
import { sseEvents, type ArrivedEvent } from './sse-events.js'
import { waitUntil } from './wait-until.js'

let relaykit: RelaykitWithFakes
let openai: FakeOpenAI
let identity: FakeIdentity

beforeAll(async () => {
  relaykit = await startRelaykitWithFakes()
  ;({ openai, identity } = relaykit)
})

afterAll(async () => {
  await relaykit?.stop()
  if (process.env.RELAYKIT_CLIENTS_LOG === '1') console.log(`--- wrangler output ---\n${relaykit?.log()}`)
})

// No retries: a refusal or failure must show as it happened, not be hidden or repeated.
const sdkClient = (path: string, apiKey: string) => new OpenAI({ baseURL: `${relaykit.baseUrl}${path}`, apiKey, maxRetries: 0 })
const openaiRelayClient = () => sdkClient('/relay/openai/v1', RELAY_SECRET)
const gatewayClient = (accessToken: string) => sdkClient('/gateway/openai/v1', accessToken)

const chat = { model: MODELS[0], messages: [{ role: 'user', content: 'Say hello.' }] } satisfies ChatCompletionCreateParamsBase

const contentOf = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')
const finishReasonsOf = (chunks: ChatCompletionChunk[]) => chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.finish_reason ?? []))

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

/** The body relaykit sent the fake OpenAI for the latest request. */
function lastUpstreamRequest() {
  const request = openai.received.at(-1)
  if (!request) throw new Error('the fake OpenAI received nothing')
  return { ...request, body: request.body as Record<string, unknown> }
}

/** Runs `call`, which must fail with the openai package's APIError; returns that error. */
async function apiErrorOf(call: () => Promise<unknown>): Promise<APIError> {
  const error = await call().catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(APIError)
  return error as APIError
}

const relays = [
  { relay: 'openai relay', client: async () => openaiRelayClient() },
  { relay: "gateway, with alice's signed access token", client: async () => gatewayClient(await identity.mint('alice')) },
]

describe.each(relays)('the openai package through the $relay', ({ client }) => {
  test('a non-streamed chat answers OpenAI’s chat.completion, sent upstream with relaykit’s own key', async () => {
    const completion = await (await client()).chat.completions.create(chat)

    expect(completion.object).toBe('chat.completion')
    expect(completion.id).toMatch(/^chatcmpl-/)
    expect(completion.model).toMatch(new RegExp(`^${MODELS[0]}`))
    expect(completion.choices).toHaveLength(1)
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: REPLY })
    expect(completion.choices[0]?.finish_reason).toBe('stop')
    expect(completion.usage?.total_tokens).toBeGreaterThan(0)

    const upstream = lastUpstreamRequest()
    expect(upstream.path).toBe('/v1/chat/completions')
    // The caller's credential never reaches OpenAI; relaykit's key does.
    expect(upstream.authorization).toBe(`Bearer ${OPENAI_API_KEY}`)
    expect(upstream.body).toMatchObject({ model: MODELS[0], messages: chat.messages })
  })

  test('a streamed chat arrives as chunks ending in finish_reason, without the usage chunk it did not ask for', async () => {
    const chunks = await collect(await (await client()).chat.completions.create({ ...chat, stream: true }))

    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true)
    expect(chunks[0]?.model).toMatch(new RegExp(`^${MODELS[0]}`))
    expect(chunks.filter((chunk) => chunk.model !== chunks[0]?.model)).toEqual([])
    expect(contentOf(chunks)).toBe(REPLY)
    expect(finishReasonsOf(chunks)).toEqual(['stop'])
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop')
    // No usage chunk (OpenAI's has no choices) and no usage figures on any chunk.
    expect(chunks.filter((chunk) => chunk.choices.length === 0)).toEqual([])
    expect(chunks.filter((chunk) => chunk.usage != null)).toEqual([])
    expect(lastUpstreamRequest().body).toMatchObject({ stream: true })
  })

  test('a streamed chat with stream_options.include_usage ends with OpenAI’s usage chunk', async () => {
    const chunks = await collect(await (await client()).chat.completions.create({ ...chat, stream: true, stream_options: { include_usage: true } }))

    expect(contentOf(chunks)).toBe(REPLY)
    expect(finishReasonsOf(chunks)).toEqual(['stop'])
    const last = chunks.at(-1)
    expect(last?.choices).toEqual([])
    expect(last?.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: REPLY.split(' ').length, total_tokens: expect.any(Number) })
    expect(last?.usage?.total_tokens).toBeGreaterThan(0)
  })
})

describe('refusals, before anything reaches OpenAI', () => {
  /** Runs `call`, which must be refused with `status`, as JSON even when a stream was asked for. */
  async function expectRefusal(status: 401 | 403, call: () => Promise<unknown>) {
    const upstreamBefore = openai.received.length
    const error = await apiErrorOf(call)
    expect(error.status).toBe(status)
    expect(error.headers?.get('content-type')).toMatch(/^application\/json/)
    // OpenAI's error shape on the SDK paths: the SDK reads relaykit's code, type and sentence.
    expect(error.code).toEqual(expect.any(String))
    expect(error.type).toEqual(expect.any(String))
    expect(error.message).toMatch(new RegExp(`^${status} [A-Z]`))
    expect(openai.received.length).toBe(upstreamBefore)
    return error
  }

  test('the openai relay refuses a wrong relay secret with 401', async () => {
    await expectRefusal(401, () => sdkClient('/relay/openai/v1', `${RELAY_SECRET}-wrong`).chat.completions.create({ ...chat, stream: true }))
  })

  test('the gateway refuses a validly signed user without the entitlement with 403', async () => {
    const bob = await identity.mint('bob')
    await expectRefusal(403, () => gatewayClient(bob).chat.completions.create({ ...chat, stream: true }))
  })

  const invalidTokens: { token: string; options: MintOptions }[] = [
    { token: 'an expired token', options: { expiresIn: -3600 } },
    { token: 'a token not valid for another hour', options: { notBefore: 3600 } },
    { token: 'a token for another audience', options: { audience: 'https://another-api.example' } },
    { token: 'a token from another issuer', options: { issuer: 'https://issuer.another.example' } },
    { token: 'a token signed with a key the issuer does not publish', options: { foreignKey: true } },
  ]

  test.each(invalidTokens)('the gateway refuses $token of an entitled user with 401, without asking for entitlements', async ({ options }) => {
    const token = await identity.mint('alice', {}, options)
    await expectRefusal(401, () => gatewayClient(token).chat.completions.create({ ...chat, stream: true }))
    expect(identity.received.filter((request) => request.authorization === `Bearer ${token}`)).toEqual([])
  })
})

describe('streams over real HTTP', () => {
  /** relaykit's own path and header, as a plain HTTP client would use them. */
  const rawStream = (signal: AbortSignal) =>
    fetch(`${relaykit.baseUrl}/relay/openai/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Relay-Secret': RELAY_SECRET },
      body: JSON.stringify({ ...chat, stream: true }),
      signal,
    })

  const carriesWord = (event: ArrivedEvent) => event.data !== '[DONE]' && Boolean((JSON.parse(event.data) as ChatCompletionChunk).choices[0]?.delta.content)

  test('each event reaches the client as OpenAI sends it, not when the stream ends', async () => {
    const response = await rawStream(AbortSignal.timeout(20_000))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)

    const events: ArrivedEvent[] = []
    for await (const event of sseEvents(response.body!)) events.push(event)

    expect(events.at(-1)?.data).toBe('[DONE]')
    const words = events.filter(carriesWord)
    expect(words).toHaveLength(REPLY.split(' ').length)
    // The fake waits CHUNK_DELAY_MS before each word after the first, so the last word left it
    // (words - 1) delays after the first. Buffered until the end, all would arrive at once.
    const spreadMs = words.at(-1)!.at - words[0]!.at
    expect(spreadMs).toBeGreaterThanOrEqual(((words.length - 1) * CHUNK_DELAY_MS) / 2)
  })

  test('the first event arrives while OpenAI still holds back the rest', async () => {
    // The fake sends the role chunk, then nothing more until its reader goes away; relaykit
    // buffering the stream would deliver nothing, so the request is bounded.
    openai.stallNextStream()
    const response = await rawStream(AbortSignal.timeout(10_000))
    expect(response.status).toBe(200)

    let first: ArrivedEvent | undefined
    for await (const event of sseEvents(response.body!)) {
      first = event
      break
    }
    expect(JSON.parse(first!.data)).toMatchObject({ object: 'chat.completion.chunk', choices: [{ delta: { role: 'assistant' } }] })
  })

  test('a client closing the connection after the first word cancels OpenAI’s stream', async () => {
    const cancelledBefore = openai.cancelledStreams
    const response = await rawStream(AbortSignal.timeout(10_000))

    for await (const event of sseEvents(response.body!)) {
      if (carriesWord(event)) break // cancels the body: the connection closes mid-answer
    }

    await waitUntil(() => openai.cancelledStreams > cancelledBefore, 'the fake OpenAI to see its stream cancelled')
  })

  test('aborting the openai package’s stream mid-answer cancels OpenAI’s stream', async () => {
    const cancelledBefore = openai.cancelledStreams
    const controller = new AbortController()
    const stream = await openaiRelayClient().chat.completions.create({ ...chat, stream: true }, { signal: controller.signal })

    const chunks: ChatCompletionChunk[] = []
    for await (const chunk of stream) {
      chunks.push(chunk)
      if (contentOf(chunks)) controller.abort() // after the first word, of many
    }

    const received = contentOf(chunks)
    expect(received.length).toBeGreaterThan(0)
    expect(received.length).toBeLessThan(REPLY.length)
    expect(REPLY.startsWith(received)).toBe(true)
    await waitUntil(() => openai.cancelledStreams > cancelledBefore, 'the fake OpenAI to see its stream cancelled')
  })
})
