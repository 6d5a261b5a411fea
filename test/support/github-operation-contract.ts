import { describe, expect, it, vi } from 'vitest'
import type { Env } from '../../src/platform/env.js'
import type { FakeFailure } from '../../src/upstreams/github/fake/fake-github.js'
import { bearer, relaykit, secrets } from './harness.js'
import { expectDocumented } from './openapi-contract.js'

// The contract tests of the operations that call GitHub (the github and operator relays): every
// status they document, produced by a real request and checked against the committed spec.

export interface Operation {
  path: string
  token: string
  valid: Record<string, unknown>
  invalid: Record<string, unknown>
  /** A body that breaks a server-side rule (403). */
  forbidden?: Record<string, unknown>
  successStatus: number
}

async function call(
  operation: Operation,
  { body = operation.valid as unknown, env = {} as Partial<Env>, headers = {} as Record<string, string>, fail = undefined as FakeFailure | undefined } = {},
) {
  const worker = relaykit(env)
  if (fail) worker.github.failNext(fail)
  const response = await worker.post(operation.path, body, { ...bearer(operation.token), ...headers })
  const parsed = await expectDocumented('post', operation.path, response)
  return { response, body: parsed as Record<string, unknown> }
}

/** Produces every status a GitHub operation documents; writes also get the idempotency key's 409. */
export function describeGitHubOperations(operations: Record<string, Operation>) {
  describe.each(Object.entries(operations))('%s', (_, operation) => {
    it(`answers ${operation.successStatus} for a valid request`, async () => {
      const { response } = await call(operation)
      expect(response.status).toBe(operation.successStatus)
    })

    it('answers 400 for a body that is not JSON', async () => {
      const { response, body } = await call(operation, { body: '{"owner": ' })
      expect([response.status, body.error]).toEqual([400, 'invalid_json'])
    })

    it('answers 401 without credentials', async () => {
      const worker = relaykit()
      const response = await worker.post(operation.path, operation.valid)
      await expectDocumented('post', operation.path, response)
      expect(response.status).toBe(401)
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
    })

    it('answers 403 when a server-side rule refuses it', async () => {
      const { response, body } = operation.forbidden ? await call(operation, { body: operation.forbidden }) : await call(operation, { headers: { Origin: 'https://evil.example' } })
      expect(response.status).toBe(403)
      expect(body.error).toMatch(/not_allowed$/)
    })

    it('answers 404 when GitHub finds nothing', async () => {
      const { response, body } = await call(operation, { fail: { status: 404, body: { message: 'Not Found' } } })
      expect([response.status, body.error]).toEqual([404, 'github_not_found'])
    })

    it('answers 413 for a body over MAX_BODY_BYTES', async () => {
      const { response, body } = await call(operation, { env: { MAX_BODY_BYTES: '1024' }, body: { ...operation.valid, padding: 'x'.repeat(2_000) } })
      expect([response.status, body.error]).toEqual([413, 'body_too_large'])
    })

    it('answers 415 for a body that is not sent as JSON', async () => {
      const worker = relaykit()
      const response = await worker.fetch(operation.path, {
        method: 'POST',
        headers: { ...bearer(operation.token), 'Content-Type': 'text/plain' },
        body: JSON.stringify(operation.valid),
      })
      await expectDocumented('post', operation.path, response)
      expect(response.status).toBe(415)
      expect(worker.github.received).toEqual([])
    })

    it('answers 422 naming the invalid field', async () => {
      const { response, body } = await call(operation, { body: operation.invalid })
      expect([response.status, body.error]).toEqual([422, 'validation_failed'])
      expect((body.details as unknown[]).length).toBeGreaterThan(0)
    })

    it('answers 429 with Retry-After when GitHub rate-limits', async () => {
      const reset = Math.floor(Date.now() / 1000) + 30
      const { response, body } = await call(operation, {
        fail: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded' } },
      })
      expect(response.status).toBe(429)
      expect(Number(response.headers.get('Retry-After'))).toBeGreaterThanOrEqual(29)
      expect(body.retry_after_seconds).toBe(Number(response.headers.get('Retry-After')))
    })

    it("answers 429 with Retry-After when the caller is over relaykit's limit", async () => {
      const limit = operation.token === secrets.RELAY_SECRET ? { RATE_LIMIT_OPERATOR: '1/hour burst 1' } : { RATE_LIMIT_GITHUB: '1/hour burst 1' }
      const token = `${operation.token}-${crypto.randomUUID()}`
      const worker = relaykit({ ...limit, ACTIONS_TOKEN: token, RELAY_SECRET: token })
      const ip = { 'CF-Connecting-IP': `192.0.2.${Math.floor(Math.random() * 250) + 1}` }
      await worker.post(operation.path, operation.valid, { ...bearer(token), ...ip })
      const response = await worker.post(operation.path, operation.valid, { ...bearer(token), ...ip })
      const body = (await expectDocumented('post', operation.path, response)) as Record<string, unknown>
      expect([response.status, body.error]).toEqual([429, 'rate_limited'])
      expect(response.headers.get('RateLimit-Remaining')).toBe('0')
    })

    it('answers 502 when GitHub cannot be reached', async () => {
      const { response, body } = await call(operation, { fail: 'network-error' })
      expect([response.status, body.error]).toEqual([502, 'github_unreachable'])
    })

    it('answers 503 naming the missing secret', async () => {
      const { response, body } = await call(operation, { env: { GITHUB_TOKEN: undefined } })
      expect(response.status).toBe(503)
      expect(body.message).toContain('GITHUB_TOKEN')
    })

    it('answers 504 when GitHub does not answer in time', async () => {
      const { response, body } = await call(operation, { env: { GITHUB_TIMEOUT_MS: '50' }, fail: 'hang' })
      expect([response.status, body.error]).toEqual([504, 'github_timeout'])
    })
  })

  const writes = Object.entries(operations).filter(([operationId]) => operationId !== 'listPullRequests')

  describe.each(writes)('%s with an idempotency key', (_, operation) => {
    it('answers 409 while a request with the same key is still running', async () => {
      const worker = relaykit({ GITHUB_TIMEOUT_MS: '200' })
      const body = { ...operation.valid, idempotency_key: crypto.randomUUID() }
      worker.github.failNext('hang')
      const first = worker.post(operation.path, body, bearer(operation.token))
      await vi.waitUntil(() => worker.github.received.length === 1)
      const response = await worker.post(operation.path, body, bearer(operation.token))
      const parsed = (await expectDocumented('post', operation.path, response)) as Record<string, unknown>
      expect([response.status, parsed.error]).toEqual([409, 'idempotency_key_in_use'])
      await first
    })
  })
}
