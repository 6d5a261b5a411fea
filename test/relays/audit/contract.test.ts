import { describe, expect, it } from 'vitest'
import type { Env } from '../../../src/platform/env.js'
import { auditRelay } from '../../../src/relays/audit/index.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { bearer, relaykit, secrets } from '../../support/harness.js'
import { expectDocumented } from '../../support/openapi-contract.js'

// The audit relay's operation, every status it documents, checked against the committed spec.

describe('listAuditEvents', () => {
  const auditToken = 'audit-token-0123456789abcdef0123456789'
  const read = async (query: string, { token = auditToken as string | null, env = {} as Partial<Env>, origin = undefined as string | undefined } = {}) => {
    const worker = relaykit({ AUDIT_TOKEN: auditToken, ...env })
    const response = await worker.fetch(`/audit${query}`, { headers: { ...(token ? bearer(token) : {}), ...(origin ? { Origin: origin } : {}) } })
    return { response, body: (await expectDocumented('get', '/audit', response)) as Record<string, unknown> }
  }

  it('answers 200 with a page of events', async () => {
    const { response, body } = await read('?limit=5')
    expect(response.status).toBe(200)
    expect(Array.isArray(body.events)).toBe(true)
  })

  it('answers 401 without the audit token', async () => {
    expect((await read('', { token: null })).response.status).toBe(401)
    expect((await read('', { token: secrets.ACTIONS_TOKEN })).response.status).toBe(401)
  })

  it('answers 403 to an origin not on the list', async () => {
    expect((await read('', { origin: 'https://evil.example' })).response.status).toBe(403)
  })

  it('answers 422 naming the invalid filter', async () => {
    const { response, body } = await read('?limit=0')
    expect([response.status, body.error]).toEqual([422, 'validation_failed'])
  })

  it('answers 503 naming AUDIT_TOKEN when it is not set', async () => {
    const { response, body } = await read('', { env: { AUDIT_TOKEN: undefined } })
    expect(response.status).toBe(503)
    expect(body.message).toContain('AUDIT_TOKEN')
  })
})

expectEveryDocumentedStatus((await auditRelay.contract()).tags)
