import { describe, expect, it } from 'vitest'
import type { Env } from '../src/platform/env.js'
import type { OpenAIFailure } from '../src/upstreams/openai/fake/fake-openai.js'
import { expectEveryDocumentedStatus } from './support/contract-coverage.js'
import { bearer, relaykit, secrets } from './support/harness.js'
import { expectDocumented } from './support/openapi-contract.js'

// The chat relays' operations (openai, gateway), every status they document, produced by real
// requests and checked against the committed openapi.json, JSON and event-stream answers alike.

type Worker = ReturnType<typeof relaykit>

interface ChatOperation {
  path: string
  /** The credential of an allowed caller. */
  credential: (worker: Worker) => Promise<Record<string, string>>
  /** A setting whose absence makes the relay not configured. */
  unconfigured: Partial<Env>
  /** A limit small enough to reach in two requests. */
  limit: Partial<Env>
}

const relayCredential = async () => ({ 'X-Relay-Secret': secrets.OPENAI_RELAY_SECRET })
const userCredential = async (worker: Worker) => bearer(await worker.identity.mint('carol'))

const operations: Record<string, ChatOperation> = {
  relayOpenAIChat: { path: '/relay/openai/chat', credential: relayCredential, unconfigured: { OPENAI_RELAY_SECRET: '' }, limit: { RATE_LIMIT_OPENAI: '1/hour' } },
  relayOpenAIChatCompletions: {
    path: '/relay/openai/v1/chat/completions',
    credential: async () => bearer(secrets.OPENAI_RELAY_SECRET),
    unconfigured: { OPENAI_API_KEY: '' },
    limit: { RATE_LIMIT_OPENAI: '1/hour' },
  },
  gatewayChat: { path: '/gateway/openai/chat', credential: userCredential, unconfigured: { GATEWAY_ENTITLEMENT: '' }, limit: { RATE_LIMIT_GATEWAY: '1/hour' } },
  gatewayChatCompletions: { path: '/gateway/openai/v1/chat/completions', credential: userCredential, unconfigured: { OIDC_AUDIENCE: '' }, limit: { RATE_LIMIT_GATEWAY: '1/hour' } },
}

const chat = { messages: [{ role: 'user', content: 'Hello.' }] }

describe.each(Object.entries(operations))('%s', (_, operation) => {
  async function call({
    body = chat as unknown,
    env = {} as Partial<Env>,
    headers = {} as Record<string, string>,
    fail = undefined as OpenAIFailure | undefined,
    worker = relaykit(env),
  } = {}) {
    if (fail) worker.openai.failNext(fail)
    const response = await worker.post(operation.path, body, { ...(await operation.credential(worker)), ...headers })
    const parsed = await expectDocumented('post', operation.path, response)
    return { response, body: parsed as Record<string, unknown> }
  }

  it('answers 200 with a chat.completion', async () => {
    const { response, body } = await call()
    expect([response.status, body.object]).toEqual([200, 'chat.completion'])
  })

  it('answers 200 with an event stream when asked to stream', async () => {
    const { response, body } = await call({ body: { ...chat, stream: true } })
    expect(response.status).toBe(200)
    expect(body).toMatch(/data: \[DONE\]\n\n$/)
  })

  it('answers 400 for a body that is not JSON', async () => {
    const { response } = await call({ body: '{"messages": ' })
    expect(response.status).toBe(400)
  })

  it('answers 401 without credentials', async () => {
    const worker = relaykit()
    const response = await worker.post(operation.path, chat)
    await expectDocumented('post', operation.path, response)
    expect(response.status).toBe(401)
  })

  it('answers 403 for a model not on the list', async () => {
    const { response, body } = await call({ body: { ...chat, model: 'gpt-4.5-preview' } })
    expect([response.status, body.error]).toEqual([403, 'model_not_allowed'])
  })

  it('answers 413 for a body over MAX_BODY_BYTES', async () => {
    const { response } = await call({ env: { MAX_BODY_BYTES: '1024' }, body: { messages: [{ role: 'user', content: 'x'.repeat(2_000) }] } })
    expect(response.status).toBe(413)
  })

  it('answers 415 for a body not sent as JSON', async () => {
    const { response } = await call({ headers: { 'Content-Type': 'text/plain' } })
    expect(response.status).toBe(415)
  })

  it('answers 422 naming the invalid field', async () => {
    const { response, body } = await call({ body: { ...chat, logit_bias: { '50256': -100 } } })
    expect([response.status, body.error]).toEqual([422, 'validation_failed'])
  })

  it("answers 429 over relaykit's limit", async () => {
    const worker = relaykit(operation.limit)
    await call({ worker })
    const { response, body } = await call({ worker })
    expect([response.status, body.error]).toEqual([429, 'rate_limited'])
  })

  it('answers 502 when OpenAI cannot be reached', async () => {
    const { response, body } = await call({ fail: 'network-error' })
    expect([response.status, body.error]).toEqual([502, 'openai_unreachable'])
  })

  it('answers 503 naming what is missing', async () => {
    const { response, body } = await call({ env: operation.unconfigured })
    expect([response.status, body.error]).toEqual([503, 'relay_not_configured'])
  })

  it('answers 504 when OpenAI does not begin answering in time', async () => {
    const { response, body } = await call({ env: { OPENAI_TIMEOUT_MS: '50' }, fail: 'hang' })
    expect([response.status, body.error]).toEqual([504, 'openai_timeout'])
  })
})

describe('getRelayHealth', () => {
  it.each([
    [200, {}, {}],
    [403, {}, { Origin: 'https://evil.example' }],
    [503, { OPENAI_RELAY_SECRET: '' }, {}],
  ])('answers %i', async (status, env, headers) => {
    const response = await relaykit(env).fetch('/relay/health', { headers })
    await expectDocumented('get', '/relay/health', response)
    expect(response.status).toBe(status)
  })
})

expectEveryDocumentedStatus('contract-chat.test.ts')
