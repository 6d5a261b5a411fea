import { chatkitRelay } from '../../../src/relays/chatkit/index.js'
import { describe, expect, it, vi } from 'vitest'
import type { Env } from '../../../src/platform/env.js'
import type { OpenAIFailure } from '../../../src/upstreams/openai/fake/fake-openai.js'
import { browser, chatkitWorker } from '../../support/chatkit.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { bearer } from '../../support/harness.js'
import { expectDocumented } from '../../support/openapi-contract.js'

// The chatkit relay's operations, every status they document, produced by real requests against
// a fake ChatKit API and checked against the committed openapi.json.

type Worker = ReturnType<typeof chatkitWorker>

interface Operation {
  path: string
  /** What a visitor who already started a session sends: their cookie, and a valid body. */
  prepare: (worker: Worker) => Promise<{ headers: Record<string, string>; body: Record<string, unknown> }>
  invalid: Record<string, unknown>
}

async function startedVisitor(worker: Worker) {
  const visitor = browser(worker)
  const { client_secret } = (await (await visitor.start()).json()) as { client_secret: string }
  return { headers: { Cookie: visitor.cookie! }, secret: client_secret }
}

const operations: Record<string, Operation> = {
  startChatKitSession: {
    path: '/api/chatkit/start',
    prepare: async (worker) => ({ headers: (await startedVisitor(worker)).headers, body: { workflow: 'support' } }),
    invalid: { workflow: 'Not A Name' },
  },
  refreshChatKitSession: {
    path: '/api/chatkit/refresh',
    prepare: async (worker) => {
      const { headers, secret } = await startedVisitor(worker)
      return { headers, body: { currentClientSecret: secret } }
    },
    invalid: { currentClientSecret: '' },
  },
}

describe.each(Object.entries(operations))('%s', (_, operation) => {
  interface Call {
    env?: Partial<Env>
    headers?: Record<string, string>
    body?: unknown
    fail?: OpenAIFailure
    worker?: Worker
  }

  async function call({ env = {}, headers = {}, body, fail, worker = chatkitWorker(env) }: Call = {}) {
    const prepared = await operation.prepare(worker)
    if (fail) worker.chatkit.failNext(fail)
    const sent = body ?? prepared.body
    const response = await worker.fetch(operation.path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...prepared.headers, ...headers },
      body: typeof sent === 'string' ? sent : JSON.stringify(sent),
    })
    const parsed = (await expectDocumented('post', operation.path, response)) as Record<string, unknown>
    return { response, body: parsed }
  }

  it('answers 200 with a client secret and its expiry', async () => {
    const { response, body } = await call()
    expect(response.status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['client_secret', 'expires_at'])
  })

  it('answers 400 for a body that is not JSON', async () => {
    const { response, body } = await call({ body: '{"currentClientSecret": ' })
    expect([response.status, body.error]).toEqual([400, 'invalid_json'])
  })

  it('answers 401 for an invalid access token', async () => {
    const { response, body } = await call({ headers: bearer('not-a-jwt') })
    expect([response.status, body.error]).toEqual([401, 'invalid_token'])
  })

  it('answers 403 for an Origin not on the allowlist', async () => {
    const { response, body } = await call({ headers: { Origin: 'https://evil.example' } })
    expect([response.status, body.error]).toEqual([403, 'origin_not_allowed'])
  })

  it('answers 413 for a body over MAX_BODY_BYTES', async () => {
    const { response, body } = await call({ env: { MAX_BODY_BYTES: '1024' }, body: { padding: 'x'.repeat(2_000) } })
    expect([response.status, body.error]).toEqual([413, 'body_too_large'])
  })

  it('answers 415 for a body that is not sent as JSON', async () => {
    const { response, body } = await call({ headers: { 'Content-Type': 'text/plain' } })
    expect([response.status, body.error]).toEqual([415, 'unsupported_media_type'])
  })

  it('answers 422 naming the invalid field', async () => {
    const { response, body } = await call({ body: operation.invalid })
    expect([response.status, body.error]).toEqual([422, 'validation_failed'])
  })

  it("answers 429 over the user's limit", async () => {
    const { response, body } = await call({ env: { RATE_LIMIT_CHATKIT_USER: '1/hour burst 1' } })
    expect([response.status, body.error]).toEqual([429, 'rate_limited'])
  })

  it('answers 502 when OpenAI cannot be reached', async () => {
    const { response, body } = await call({ fail: 'network-error' })
    expect([response.status, body.error]).toEqual([502, 'openai_unreachable'])
  })

  it('answers 503 when the relay is off', async () => {
    const worker = chatkitWorker({ RELAYS: 'github' })
    const response = await worker.fetch(operation.path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ currentClientSecret: 'ek_x' }) })
    const body = (await expectDocumented('post', operation.path, response)) as Record<string, unknown>
    expect([response.status, body.error]).toEqual([503, 'relay_disabled'])
  })

  it('answers 504 when OpenAI does not answer in time', async () => {
    const { response, body } = await call({ env: { OPENAI_TIMEOUT_MS: '50' }, fail: 'hang' })
    expect([response.status, body.error]).toEqual([504, 'openai_timeout'])
  })
})

describe('refreshChatKitSession only', () => {
  const path = '/api/chatkit/refresh'

  it('answers 401 for a secret relaykit did not issue, and 403 for one issued to another user', async () => {
    const worker = chatkitWorker()
    const alice = await startedVisitor(worker)
    const bob = await startedVisitor(worker)
    const unknown = await worker.refresh('ek_not_from_relaykit', alice.headers)
    expect([unknown.status, ((await expectDocumented('post', path, unknown)) as { error: string }).error]).toEqual([401, 'client_secret_unknown'])
    const foreign = await worker.refresh(alice.secret, bob.headers)
    expect([foreign.status, ((await expectDocumented('post', path, foreign)) as { error: string }).error]).toEqual([403, 'client_secret_not_yours'])
  })

  it('answers 409 with Retry-After while another request refreshes the same secret, which gets it back when it fails', async () => {
    const worker = chatkitWorker({ OPENAI_TIMEOUT_MS: '300' })
    const { headers, secret } = await startedVisitor(worker)
    worker.chatkit.failNext('hang')
    const first = worker.refresh(secret, headers)
    await vi.waitUntil(() => worker.chatkit.received.length === 2)
    const second = await worker.refresh(secret, headers)
    const body = (await expectDocumented('post', path, second)) as { error: string; retry_after_seconds: number }
    expect([second.status, body.error]).toEqual([409, 'refresh_in_progress'])
    expect(second.headers.get('Retry-After')).toBe(String(body.retry_after_seconds))
    expect(worker.chatkit.received).toHaveLength(2)
    // The first timed out before any session existed, so the secret was given back.
    expect((await first).status).toBe(504)
    expect((await worker.refresh(secret, headers)).status).toBe(200)
  })
})

expectEveryDocumentedStatus((await chatkitRelay.contract()).tags)
