import { createScheduledController, createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env as bindings } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import cfSpec from '../../../openapi/cf-openapi.json'
import spec from '../../../openapi/openapi.json'
import entry from '../../../src/index.js'
import { insertAuditRecord, type AuditRecord } from '../../../src/platform/audit/audit-store.js'
import { expectDocumented } from '../../support/openapi-contract.js'
import { bearer, relaykit, secrets, stateBindings } from '../../support/harness.js'

afterEach(() => vi.restoreAllMocks())

const db = bindings.AUDIT_DB!
const DAY_MS = 24 * 60 * 60 * 1000
const AUDIT_TOKEN = 'audit-token-0123456789abcdef0123456789'

/** A credential only this test uses, so its rows and its rate-limit bucket are its own. */
const uniqueToken = (kind: string) => `${kind}-token-${crypto.randomUUID()}`
const uniqueName = () => crypto.randomUUID().slice(0, 8)

async function fingerprint(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `sha256:${hex.slice(0, 16)}`
}

type Row = Omit<AuditRecord, 'replayed'> & {
  id: number
  replayed: number
  repository: string | null
  pull_number: number | null
  event_type: string | null
  workflow: string | null
  ref: string | null
  error: string | null
  upstream_status: number | null
}

async function rowsOf(requestId: string | null): Promise<Row[]> {
  const { results } = await db.prepare('SELECT * FROM audit_events WHERE request_id = ? ORDER BY id').bind(requestId).all<Row>()
  return results
}

async function rowsByCaller(caller: string): Promise<Row[]> {
  const { results } = await db.prepare('SELECT * FROM audit_events WHERE caller = ? ORDER BY id').bind(caller).all<Row>()
  return results
}

async function onlyRowOf(response: Response): Promise<Row> {
  const rows = await rowsOf(response.headers.get('X-Request-Id'))
  expect(rows).toHaveLength(1)
  return rows[0]!
}

const hello = { owner: 'octo-org', repo: 'hello-world' }
const hivemind = { owner: 'octo-org', repo: 'hivemind' }

/** A D1Database whose every insert ends as `run` says. */
const auditDbWhere = (run: () => Promise<D1Result>) => ({ prepare: () => ({ bind: () => ({ run }) }) }) as unknown as D1Database

/** Collects console.error's lines (and quiets console.log) for the rest of the test. */
function errorLines(): string[] {
  const lines: string[] = []
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line))
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  return lines
}

describe('the audit trail of writes', () => {
  it('records a comment with its target, caller and outcome, never its text or a secret', async () => {
    const token = uniqueToken('actions')
    const worker = relaykit({ ACTIONS_TOKEN: token })
    const privateText = `PRIVATE-AUDIT-COMMENT-${crypto.randomUUID()}`
    const before = Date.now()
    const response = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: privateText }, bearer(token))
    await worker.settled()
    expect(response.status).toBe(200)

    const row = await onlyRowOf(response)
    expect(row.at).toBeGreaterThanOrEqual(before)
    expect(row.at).toBeLessThanOrEqual(Date.now())
    expect(row).toMatchObject({
      request_id: response.headers.get('X-Request-Id'),
      relay: 'github',
      operation: 'commentOnPullRequest',
      repository: 'octo-org/hello-world',
      pull_number: 12,
      event_type: null,
      workflow: null,
      ref: null,
      caller: await fingerprint(token),
      outcome: 'done',
      status: 200,
      error: null,
      upstream_status: 201,
      replayed: 0,
    })
    const { results } = await db.prepare('SELECT * FROM audit_events').all()
    const everything = JSON.stringify(results)
    for (const secret of [privateText, token, ...Object.values(secrets)]) expect(everything).not.toContain(secret)
  })

  it('records the target of every write operation', async () => {
    const token = uniqueToken('actions')
    const relaySecret = uniqueToken('relay')
    const worker = relaykit({ ACTIONS_TOKEN: token, RELAY_SECRET: relaySecret })
    const payloadText = `PRIVATE-PAYLOAD-${crypto.randomUUID()}`
    const label = await worker.post('/chatgpt/prs/label', { ...hello, pr_number: 21, labels: ['needs-review'] }, bearer(token))
    const dispatch = await worker.post('/chatgpt/dispatch', { ...hivemind, event_type: 'deploy-preview', client_payload: { note: payloadText } }, bearer(token))
    const workflow = await worker.post('/chatgpt/workflows/dispatch', { ...hivemind, workflow: 'ci.yml', ref: 'main' }, bearer(token))
    const hive = await worker.post('/trigger-hive', { action: 'execute' }, bearer(relaySecret))
    await worker.settled()
    expect([label.status, dispatch.status, workflow.status, hive.status]).toEqual([200, 202, 202, 202])

    const caller = await fingerprint(token)
    expect(await onlyRowOf(label)).toMatchObject({
      relay: 'github',
      operation: 'addLabelsToPullRequest',
      repository: 'octo-org/hello-world',
      pull_number: 21,
      caller,
      outcome: 'done',
      status: 200,
      upstream_status: 200,
    })
    const dispatchRow = await onlyRowOf(dispatch)
    expect(dispatchRow).toMatchObject({
      relay: 'github',
      operation: 'sendRepositoryDispatch',
      repository: 'octo-org/hivemind',
      pull_number: null,
      event_type: 'deploy-preview',
      caller,
      outcome: 'done',
      status: 202,
      upstream_status: 204,
    })
    expect(JSON.stringify(dispatchRow)).not.toContain(payloadText)
    const workflowRow = await onlyRowOf(workflow)
    expect(workflowRow).toMatchObject({
      relay: 'github',
      operation: 'dispatchWorkflow',
      repository: 'octo-org/hivemind',
      workflow: 'ci.yml',
      ref: 'main',
      event_type: null,
      caller,
      outcome: 'done',
      status: 202,
    })
    expect([200, 204]).toContain(workflowRow.upstream_status)
    expect(await onlyRowOf(hive)).toMatchObject({
      relay: 'operator',
      operation: 'triggerHive',
      repository: 'octo-org/hivemind',
      event_type: 'hive-execute',
      caller: await fingerprint(relaySecret),
      outcome: 'done',
      status: 202,
      upstream_status: 204,
    })
  })

  it('records a dry run as dry_run, with no upstream status', async () => {
    const relaySecret = uniqueToken('relay')
    const worker = relaykit({ RELAY_SECRET: relaySecret })
    const response = await worker.post('/trigger-hive', { action: 'execute', dry_run: true }, bearer(relaySecret))
    await worker.settled()
    expect(response.status).toBe(200)
    expect(worker.github.received).toHaveLength(0)
    expect(await onlyRowOf(response)).toMatchObject({
      relay: 'operator',
      operation: 'triggerHive',
      repository: 'octo-org/hivemind',
      outcome: 'dry_run',
      status: 200,
      error: null,
      upstream_status: null,
      replayed: 0,
    })
  })

  describe('refused writes', () => {
    it('records an allowlist refusal with the repository the caller asked for', async () => {
      const token = uniqueToken('actions')
      const worker = relaykit({ ACTIONS_TOKEN: token })
      const repo = `not-listed-${uniqueName()}`
      const repoRefused = await worker.post('/chatgpt/prs/comment', { owner: 'octo-org', repo, pr_number: 3, body: 'x' }, bearer(token))
      const eventRefused = await worker.post('/chatgpt/dispatch', { ...hivemind, event_type: 'not-listed' }, bearer(token))
      await worker.settled()
      expect([repoRefused.status, eventRefused.status]).toEqual([403, 403])
      expect(worker.github.received).toHaveLength(0)
      expect(await onlyRowOf(repoRefused)).toMatchObject({
        repository: `octo-org/${repo}`,
        pull_number: 3,
        outcome: 'refused',
        status: 403,
        error: 'repo_not_allowed',
        upstream_status: null,
      })
      expect(await onlyRowOf(eventRefused)).toMatchObject({
        repository: 'octo-org/hivemind',
        event_type: 'not-listed',
        outcome: 'refused',
        status: 403,
        error: 'event_type_not_allowed',
        upstream_status: null,
      })
    })

    it('records a validation failure, leaving out the fields that were invalid', async () => {
      const token = uniqueToken('actions')
      const worker = relaykit({ ACTIONS_TOKEN: token })
      const badNumber = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 'twelve', body: 'x' }, bearer(token))
      const badOwner = await worker.post('/chatgpt/prs/label', { owner: 'octo org; drop', repo: 'hello-world', pr_number: 12, labels: ['bug'] }, bearer(token))
      await worker.settled()
      expect([badNumber.status, badOwner.status]).toEqual([422, 422])
      expect(await onlyRowOf(badNumber)).toMatchObject({
        operation: 'commentOnPullRequest',
        repository: 'octo-org/hello-world',
        pull_number: null,
        outcome: 'refused',
        status: 422,
        error: 'validation_failed',
        upstream_status: null,
      })
      expect(await onlyRowOf(badOwner)).toMatchObject({
        operation: 'addLabelsToPullRequest',
        repository: null,
        pull_number: 12,
        outcome: 'refused',
        status: 422,
        error: 'validation_failed',
      })
    })

    it('records a rate-limited write', async () => {
      const token = uniqueToken('actions')
      const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/hour burst 1' })
      const first = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'first' }, bearer(token))
      const second = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'second' }, bearer(token))
      await worker.settled()
      expect([first.status, second.status]).toEqual([200, 429])
      expect(await onlyRowOf(first)).toMatchObject({ outcome: 'done', status: 200 })
      expect(await onlyRowOf(second)).toMatchObject({
        repository: 'octo-org/hello-world',
        pull_number: 12,
        outcome: 'refused',
        status: 429,
        error: 'rate_limited',
        upstream_status: null,
      })
    })

    it('records an idempotency key reused for another request', async () => {
      const token = uniqueToken('actions')
      const worker = relaykit({ ACTIONS_TOKEN: token })
      const idempotency_key = crypto.randomUUID()
      await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'one', idempotency_key }, bearer(token))
      const reused = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'another', idempotency_key }, bearer(token))
      await worker.settled()
      expect(reused.status).toBe(422)
      expect(await onlyRowOf(reused)).toMatchObject({ outcome: 'refused', status: 422, error: 'idempotency_key_reused', replayed: 0 })
    })
  })

  it("records GitHub's refusal as failed, with GitHub's status", async () => {
    const token = uniqueToken('actions')
    const worker = relaykit({ ACTIONS_TOKEN: token })
    worker.github.failNext({ status: 404, body: { message: 'Not Found' } })
    const response = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' }, bearer(token))
    await worker.settled()
    expect(response.status).toBe(404)
    expect(await onlyRowOf(response)).toMatchObject({
      operation: 'commentOnPullRequest',
      outcome: 'failed',
      status: 404,
      error: 'github_not_found',
      upstream_status: 404,
      replayed: 0,
    })
  })

  it('records a replayed answer as replayed, without an upstream status', async () => {
    const token = uniqueToken('actions')
    const worker = relaykit({ ACTIONS_TOKEN: token })
    const write = { ...hello, pr_number: 12, body: 'once', idempotency_key: crypto.randomUUID() }
    const first = await worker.post('/chatgpt/prs/comment', write, bearer(token))
    const again = await worker.post('/chatgpt/prs/comment', write, bearer(token))
    await worker.settled()
    expect([first.status, again.status, again.headers.get('Idempotent-Replayed')]).toEqual([200, 200, 'true'])
    expect(worker.github.received).toHaveLength(1)
    const rows = await rowsByCaller(await fingerprint(token))
    expect(rows.map((row) => [row.request_id, row.outcome, row.status, row.upstream_status, row.replayed])).toEqual([
      [first.headers.get('X-Request-Id'), 'done', 200, 201, 0],
      [again.headers.get('X-Request-Id'), 'done', 200, null, 1],
    ])
  })

  it('records a replayed dry run as a dry run', async () => {
    const relaySecret = uniqueToken('relay')
    const worker = relaykit({ RELAY_SECRET: relaySecret })
    const dryRun = { action: 'execute', dry_run: true, idempotency_key: crypto.randomUUID() }
    await worker.post('/trigger-hive', dryRun, bearer(relaySecret))
    await worker.post('/trigger-hive', dryRun, bearer(relaySecret))
    await worker.settled()
    const rows = await rowsByCaller(await fingerprint(relaySecret))
    expect(rows.map((row) => [row.outcome, row.replayed])).toEqual([
      ['dry_run', 0],
      ['dry_run', 1],
    ])
  })

  it("records GitHub's status when its answer could not be read", async () => {
    const token = uniqueToken('actions')
    const worker = relaykit({ ACTIONS_TOKEN: token })
    worker.github.failNext({ status: 201, body: 'not json' })
    const unreadable = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' }, bearer(token))
    await worker.settled()
    expect(unreadable.status).toBe(502)
    expect(await onlyRowOf(unreadable)).toMatchObject({ outcome: 'failed', error: 'github_unreadable', upstream_status: 201 })
  })

  it('does not record unauthenticated writes or reads', async () => {
    const token = uniqueToken('actions')
    const worker = relaykit({ ACTIONS_TOKEN: token })
    const unauthorized = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' }, bearer(`${token}-wrong`))
    const anonymous = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' })
    const read = await worker.post('/chatgpt/prs/list', hello, bearer(token))
    const write = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' }, bearer(token))
    await worker.settled()
    expect([unauthorized.status, anonymous.status, read.status, write.status]).toEqual([401, 401, 200, 200])
    for (const response of [unauthorized, anonymous, read]) expect(await rowsOf(response.headers.get('X-Request-Id'))).toEqual([])
    expect((await rowsByCaller(await fingerprint(token))).map((row) => row.request_id)).toEqual([write.headers.get('X-Request-Id')])
  })

  describe('recording never holds up or fails the answer', () => {
    it('answers while the insert is still running', async () => {
      const worker = relaykit({ AUDIT_DB: auditDbWhere(() => new Promise<D1Result>(() => undefined)) })
      const response = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' }, bearer(secrets.ACTIONS_TOKEN))
      expect(response.status).toBe(200)
    })

    it('answers when the insert fails, and logs one line without the request', async () => {
      const lines = errorLines()
      const privateText = `PRIVATE-AUDIT-${crypto.randomUUID()}`
      const worker = relaykit({ AUDIT_DB: auditDbWhere(() => Promise.reject(new Error(`D1_ERROR: cannot insert ${privateText} for ${secrets.ACTIONS_TOKEN}`))) })
      const response = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: privateText }, bearer(secrets.ACTIONS_TOKEN))
      await worker.settled()
      expect(response.status).toBe(200)
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 'error',
        msg: 'audit_write_failed',
        request_id: response.headers.get('X-Request-Id'),
        operation: 'commentOnPullRequest',
      })
      for (const secret of [privateText, ...Object.values(secrets)]) expect(lines[0]).not.toContain(secret)
    })

    it('answers without the AUDIT_DB binding, and logs that the record was lost', async () => {
      const lines = errorLines()
      const worker = relaykit({ AUDIT_DB: undefined })
      const response = await worker.post('/chatgpt/prs/comment', { ...hello, pr_number: 12, body: 'x' }, bearer(secrets.ACTIONS_TOKEN))
      await worker.settled()
      expect(response.status).toBe(200)
      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['audit_write_failed'])
    })
  })
})

describe('GET /audit', () => {
  /** Six events on two repositories only this test uses, an hour apart, oldest first. */
  async function seedTrail() {
    const owner = `audit-${uniqueName()}`
    const repository = `${owner}/trail`
    const start = Math.floor(Date.now() / 1000) * 1000 - 6 * 60 * 60 * 1000
    const hour = 60 * 60 * 1000
    const base = { relay: 'github', caller: 'sha256:0000000000000000', status: 200, replayed: false }
    const records: AuditRecord[] = [
      { ...base, at: start, request_id: `req_${uniqueName()}`, operation: 'commentOnPullRequest', repository, pull_number: 1, outcome: 'done', upstream_status: 201 },
      {
        ...base,
        at: start + hour,
        request_id: `req_${uniqueName()}`,
        operation: 'addLabelsToPullRequest',
        repository,
        pull_number: 2,
        outcome: 'refused',
        status: 403,
        error: 'repo_not_allowed',
      },
      {
        ...base,
        at: start + 2 * hour,
        request_id: `req_${uniqueName()}`,
        operation: 'commentOnPullRequest',
        repository,
        pull_number: 3,
        outcome: 'failed',
        status: 404,
        error: 'github_not_found',
        upstream_status: 404,
      },
      {
        ...base,
        at: start + 3 * hour,
        request_id: `req_${uniqueName()}`,
        operation: 'sendRepositoryDispatch',
        repository: `${owner}/other`,
        event_type: 'deploy-preview',
        outcome: 'done',
        status: 202,
        upstream_status: 204,
      },
      {
        ...base,
        at: start + 4 * hour,
        request_id: `req_${uniqueName()}`,
        operation: 'dispatchWorkflow',
        repository,
        workflow: 'ci.yml',
        ref: 'main',
        outcome: 'done',
        status: 202,
        upstream_status: 204,
      },
      {
        ...base,
        at: start + 5 * hour,
        request_id: `req_${uniqueName()}`,
        operation: 'commentOnPullRequest',
        repository,
        pull_number: 4,
        outcome: 'done',
        upstream_status: 201,
        replayed: true,
      },
    ]
    for (const record of records) await insertAuditRecord(db, record)
    const ids = (indexes: number[]) => indexes.map((index) => records[index]!.request_id)
    return { owner, repository, records, start, hour, ids }
  }

  const auditWorker = () => relaykit({ AUDIT_TOKEN })

  async function page(query: Record<string, string | number>) {
    const params = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]))
    const response = await auditWorker().fetch(`/audit?${params}`, { headers: bearer(AUDIT_TOKEN) })
    const body = (await expectDocumented('get', '/audit', response)) as { events: { request_id: string }[]; next_cursor: string | null }
    expect(response.status).toBe(200)
    return body
  }

  it('refuses a missing or wrong token', async () => {
    const worker = auditWorker()
    const missing = await worker.fetch('/audit')
    const wrong = await worker.fetch('/audit', { headers: bearer(`${AUDIT_TOKEN}-wrong`) })
    const actionsToken = await worker.fetch('/audit', { headers: bearer(secrets.ACTIONS_TOKEN) })
    for (const response of [missing, wrong, actionsToken]) {
      expect(response.status).toBe(401)
      expect(await expectDocumented('get', '/audit', response)).toMatchObject({ error: 'unauthorized' })
    }
  })

  it('is 503 naming AUDIT_TOKEN when it is not set or too short', async () => {
    for (const overrides of [{}, { AUDIT_TOKEN: 'short' }]) {
      const response = await relaykit(overrides).fetch('/audit', { headers: bearer(AUDIT_TOKEN) })
      expect(response.status).toBe(503)
      const body = (await expectDocumented('get', '/audit', response)) as { error: string; message: string }
      expect(body.error).toBe('relay_not_configured')
      expect(body.message).toContain('AUDIT_TOKEN')
    }
  })

  it('answers the events newest first, as documented', async () => {
    const trail = await seedTrail()
    const worker = auditWorker()
    const { data, error, response } = await worker.client(AUDIT_TOKEN).GET('/audit', { params: { query: { repository: trail.repository } } })
    expect([response.status, error]).toEqual([200, undefined])
    expect(data!.events.map((event) => event.request_id)).toEqual(trail.ids([5, 4, 2, 1, 0]))
    expect(data!.next_cursor).toBeNull()
    const newest = trail.records[5]!
    expect(data!.events[0]).toEqual({
      id: expect.any(Number),
      at: new Date(newest.at).toISOString(),
      request_id: newest.request_id,
      relay: 'github',
      operation: 'commentOnPullRequest',
      repository: trail.repository,
      pull_number: 4,
      event_type: null,
      workflow: null,
      ref: null,
      account: null,
      caller: 'sha256:0000000000000000',
      outcome: 'done',
      status: 200,
      error: null,
      upstream_status: 201,
      replayed: true,
    })
    expect(await page({ repository: trail.repository })).toEqual(data)
  })

  it('filters by repository (case-insensitive), operation, outcome and time', async () => {
    const { repository, owner, start, hour, ids } = await seedTrail()
    const idsOf = async (query: Record<string, string>) => (await page({ repository, ...query })).events.map((event) => event.request_id)
    expect((await page({ repository: repository.toUpperCase() })).events.map((event) => event.request_id)).toEqual(ids([5, 4, 2, 1, 0]))
    expect((await page({ repository: `${owner}/other` })).events.map((event) => event.request_id)).toEqual(ids([3]))
    expect(await idsOf({ operation: 'commentOnPullRequest' })).toEqual(ids([5, 2, 0]))
    expect(await idsOf({ outcome: 'done' })).toEqual(ids([5, 4, 0]))
    expect(await idsOf({ outcome: 'refused' })).toEqual(ids([1]))
    expect(await idsOf({ since: new Date(start + 2 * hour).toISOString() })).toEqual(ids([5, 4, 2]))
    expect(await idsOf({ until: new Date(start + 2 * hour).toISOString() })).toEqual(ids([1, 0]))
    expect(await idsOf({ since: new Date(start + hour).toISOString(), until: new Date(start + 4 * hour).toISOString() })).toEqual(ids([2, 1]))
    const offset = new Date(start + 4 * hour).toISOString().replace(/\.\d+Z$/, '+00:00')
    expect(await idsOf({ since: offset, operation: 'commentOnPullRequest', outcome: 'done' })).toEqual(ids([5]))
  })

  it('pages with limit and cursor through every event once', async () => {
    const { repository, ids } = await seedTrail()
    const seen: string[] = []
    const pages: number[] = []
    let cursor: string | null = null
    do {
      const body: Awaited<ReturnType<typeof page>> = await page({ repository, limit: 2, ...(cursor ? { cursor } : {}) })
      pages.push(body.events.length)
      seen.push(...body.events.map((event) => event.request_id))
      cursor = body.next_cursor
    } while (cursor !== null && pages.length < 10)
    expect(pages).toEqual([2, 2, 1])
    expect(seen).toEqual(ids([5, 4, 2, 1, 0]))
    const exact = await page({ repository, limit: 5 })
    expect([exact.events.length, exact.next_cursor]).toEqual([5, null])
  })

  it('is 422 naming the query field that is wrong', async () => {
    const worker = auditWorker()
    const cases: [query: string, field: string][] = [
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['cursor=abc', 'query.cursor'],
      ['since=yesterday', 'query.since'],
      ['operation=deleteRepository', 'query.operation'],
    ]
    for (const [query, field] of cases) {
      const response = await worker.fetch(`/audit?${query}`, { headers: bearer(AUDIT_TOKEN) })
      expect(response.status, query).toBe(422)
      const body = (await expectDocumented('get', '/audit', response)) as { error: string; details: { field: string }[] }
      expect(body.error).toBe('validation_failed')
      expect(body.details.map((detail) => detail.field)).toEqual([field])
    }
  })

  it('is in openapi.json but not in the Actions spec', () => {
    expect(Object.keys(spec.paths)).toContain('/audit')
    expect(Object.keys(cfSpec.paths)).not.toContain('/audit')
    expect(JSON.stringify(cfSpec)).not.toMatch(/audit/i)
  })
})

describe('retention', () => {
  async function seedAged(now: number) {
    const base = {
      relay: 'github',
      operation: 'commentOnPullRequest',
      repository: 'octo-org/hello-world',
      pull_number: 12,
      caller: 'sha256:0000000000000000',
      outcome: 'done',
      status: 200,
      replayed: false,
    } as const
    const old = { ...base, at: now - 100 * DAY_MS, request_id: `req_old_${crypto.randomUUID()}` }
    const recent = { ...base, at: now - 10 * DAY_MS, request_id: `req_recent_${crypto.randomUUID()}` }
    const fresh = { ...base, at: now - 60_000, request_id: `req_fresh_${crypto.randomUUID()}` }
    for (const record of [old, recent, fresh]) await insertAuditRecord(db, record)
    return { old: old.request_id, recent: recent.request_id, fresh: fresh.request_id }
  }

  async function runScheduled(now: number, settings: { AUDIT_RETENTION_DAYS?: string } = {}) {
    const ctx = createExecutionContext()
    await entry.scheduled(createScheduledController({ scheduledTime: now, cron: '17 3 * * *' }), { ...stateBindings, ...settings }, ctx)
    await waitOnExecutionContext(ctx)
  }

  const kept = async (ids: Record<string, string>) => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, (await rowsOf(id)).length === 1])))

  it('removes records older than 90 days by default', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const now = Date.now()
    const ids = await seedAged(now)
    await runScheduled(now)
    expect(await kept(ids)).toEqual({ old: false, recent: true, fresh: true })
  })

  it('follows AUDIT_RETENTION_DAYS', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const now = Date.now()
    const ids = await seedAged(now)
    await runScheduled(now, { AUDIT_RETENTION_DAYS: '5' })
    expect(await kept(ids)).toEqual({ old: false, recent: false, fresh: true })
  })

  it('removes nothing and logs audit_not_pruned when the setting is malformed', async () => {
    const lines = errorLines()
    const now = Date.now()
    const ids = await seedAged(now)
    await runScheduled(now, { AUDIT_RETENTION_DAYS: 'soon' })
    expect(await kept(ids)).toEqual({ old: true, recent: true, fresh: true })
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['audit_not_pruned'])
    expect(lines[0]).toContain('AUDIT_RETENTION_DAYS')
    await db.prepare('DELETE FROM audit_events WHERE request_id IN (?, ?, ?)').bind(ids.old, ids.recent, ids.fresh).run()
  })
})
