import { describe, expect, it } from 'vitest'
import type { Env } from '../../src/platform/env.js'
import type { OpenAIFailure } from '../../src/upstreams/openai/fake/fake-openai.js'
import { relaykit } from './harness.js'
import { expectDocumented } from './openapi-contract.js'

// The contract tests of the chat completions operations (openai and gateway relays): every status
// they document, produced by real requests and checked against the committed openapi.json, JSON
// and event-stream answers alike, in relaykit's error shape or OpenAI's as each path documents.

export type Worker = ReturnType<typeof relaykit>

interface ChatOperation {
  path: string
  /** The credential of an allowed caller. */
  credential: (worker: Worker) => Promise<Record<string, string>>
  /** A setting whose absence makes the relay not configured. */
  unconfigured: Partial<Env>
  /** A limit small enough to reach in two requests. */
  limit: Partial<Env>
}

/** relaykit's code from either error shape: `error` on relaykit's own, `error.code` on OpenAI's. */
const errorCode = (body: unknown) => {
  const error = (body as { error?: unknown } | undefined)?.error
  return typeof error === 'string' ? error : (error as { code?: string } | undefined)?.code
}

const chat = { messages: [{ role: 'user', content: 'Hello.' }] }

/** Produces every status a chat completions operation documents. */
export function describeChatOperations(operations: Record<string, ChatOperation>) {
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
      return { response, body: parsed as Record<string, unknown>, code: errorCode(parsed) }
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
      const { response, code } = await call({ body: { ...chat, model: 'gpt-4.5-preview' } })
      expect([response.status, code]).toEqual([403, 'model_not_allowed'])
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
      const { response, code } = await call({ body: { ...chat, logit_bias: { '50256': -100 } } })
      expect([response.status, code]).toEqual([422, 'validation_failed'])
    })

    it("answers 429 over relaykit's limit", async () => {
      const worker = relaykit(operation.limit)
      await call({ worker })
      const { response, code } = await call({ worker })
      expect([response.status, code]).toEqual([429, 'rate_limited'])
    })

    it('answers 502 when OpenAI cannot be reached', async () => {
      const { response, code } = await call({ fail: 'network-error' })
      expect([response.status, code]).toEqual([502, 'openai_unreachable'])
    })

    it('answers 503 naming what is missing', async () => {
      const { response, code } = await call({ env: operation.unconfigured })
      expect([response.status, code]).toEqual([503, 'relay_not_configured'])
    })

    it('answers 504 when OpenAI does not begin answering in time', async () => {
      const { response, code } = await call({ env: { OPENAI_TIMEOUT_MS: '50' }, fail: 'hang' })
      expect([response.status, code]).toEqual([504, 'openai_timeout'])
    })
  })
}
