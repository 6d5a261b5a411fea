import { afterEach, describe, expect, it, vi } from 'vitest'
import { canonicalJson } from '../../src/platform/idempotency/canonical-json.js'
import { bearer, relaykit, secrets } from '../support/harness.js'
import { expectDocumented } from '../support/openapi-contract.js'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const actions = bearer(secrets.ACTIONS_TOKEN)
const comment = { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'Posted once, however often ChatGPT retries.' }
const newKey = () => crypto.randomUUID()
const FUTURE = Date.parse('2031-06-01T08:00:00Z')

type Answer = Record<string, unknown>
const commentsSent = (worker: ReturnType<typeof relaykit>) =>
  worker.github.received.filter((request) => request.method === 'POST' && new URL(request.url).pathname.endsWith('/comments')).length

describe('a repeated idempotency key', () => {
  it('answers the first answer again, marked as a replay, without calling GitHub again', async () => {
    const worker = relaykit()
    const request = { ...comment, idempotency_key: newKey() }
    const first = await worker.post('/chatgpt/prs/comment', request, actions)
    const second = await worker.post('/chatgpt/prs/comment', request, actions)
    const [firstBody, secondBody] = [
      (await expectDocumented('post', '/chatgpt/prs/comment', first)) as Answer,
      (await expectDocumented('post', '/chatgpt/prs/comment', second)) as Answer,
    ]
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(secondBody).toEqual({ ...firstBody, original_request_id: first.headers.get('X-Request-Id'), replayed: true })
    expect(firstBody.replayed).toBeUndefined()
    expect(second.headers.get('Idempotent-Replayed')).toBe('true')
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()
    expect(commentsSent(worker)).toBe(1)
  })

  it('works the same with the Idempotency-Key header, and with the header and field together', async () => {
    const worker = relaykit()
    const key = newKey()
    await worker.post('/chatgpt/prs/comment', comment, { ...actions, 'Idempotency-Key': key })
    const replay = await worker.post('/chatgpt/prs/comment', { ...comment, idempotency_key: key }, { ...actions, 'Idempotency-Key': key })
    expect(((await replay.json()) as Answer).replayed).toBe(true)
    expect(commentsSent(worker)).toBe(1)
  })

  it('treats the same JSON with its keys in another order as the same request', async () => {
    const worker = relaykit()
    const key = newKey()
    await worker.post('/chatgpt/prs/comment', { ...comment, idempotency_key: key }, actions)
    const reordered = { body: comment.body, idempotency_key: key, pr_number: 12, repo: 'hello-world', owner: 'octo-org' }
    const replay = await worker.post('/chatgpt/prs/comment', reordered, actions)
    expect(((await replay.json()) as Answer).replayed).toBe(true)
  })

  it('refuses the key for a different request with 422, and calls nothing', async () => {
    const worker = relaykit()
    const key = newKey()
    await worker.post('/chatgpt/prs/comment', { ...comment, idempotency_key: key }, actions)
    const other = await worker.post('/chatgpt/prs/comment', { ...comment, body: 'Something else', idempotency_key: key }, actions)
    const body = (await expectDocumented('post', '/chatgpt/prs/comment', other)) as Answer
    expect([other.status, body.error]).toEqual([422, 'idempotency_key_reused'])
    const otherRoute = await worker.post('/chatgpt/prs/label', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, labels: ['x'], idempotency_key: key }, actions)
    expect(otherRoute.status).toBe(422)
    expect(commentsSent(worker)).toBe(1)
    expect(worker.github.received).toHaveLength(1)
  })

  it('answers 409 with Retry-After while the first request is still running', async () => {
    const worker = relaykit({ GITHUB_TIMEOUT_MS: '300' })
    const request = { ...comment, idempotency_key: newKey() }
    worker.github.failNext('hang')
    const first = worker.post('/chatgpt/prs/comment', request, actions)
    // Let the first request claim the key before the duplicate arrives.
    await vi.waitUntil(() => worker.github.received.length === 1)
    const duplicate = await worker.post('/chatgpt/prs/comment', request, actions)
    const body = (await expectDocumented('post', '/chatgpt/prs/comment', duplicate)) as Answer
    expect([duplicate.status, body.error]).toEqual([409, 'idempotency_key_in_use'])
    expect(Number(duplicate.headers.get('Retry-After'))).toBe(body.retry_after_seconds)
    expect((await first).status).toBe(504)
    expect(worker.github.received).toHaveLength(1)
  })

  it('is forgotten after 24 hours', async () => {
    const worker = relaykit()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    const request = { ...comment, idempotency_key: newKey() }
    await worker.post('/chatgpt/prs/comment', request, actions)
    vi.setSystemTime(FUTURE + 24 * 3600_000 - 1_000)
    expect(((await (await worker.post('/chatgpt/prs/comment', request, actions)).json()) as Answer).replayed).toBe(true)
    vi.setSystemTime(FUTURE + 24 * 3600_000 + 1_000)
    const fresh = await worker.post('/chatgpt/prs/comment', request, actions)
    expect(((await fresh.json()) as Answer).replayed).toBeUndefined()
    expect(commentsSent(worker)).toBe(2)
  })

  it('belongs to one caller: another credential with the same key acts anew', async () => {
    const worker = relaykit()
    const request = { ...comment, idempotency_key: newKey() }
    await worker.post('/chatgpt/prs/comment', request, actions)
    const other = await worker.post('/chatgpt/prs/comment', request, bearer(secrets.CHATGPT_BEARER_TOKEN))
    expect(((await other.json()) as Answer).replayed).toBeUndefined()
    expect(commentsSent(worker)).toBe(2)
  })

  it('without a key, every request acts, as before', async () => {
    const worker = relaykit()
    await worker.post('/chatgpt/prs/comment', comment, actions)
    await worker.post('/chatgpt/prs/comment', comment, actions)
    expect(commentsSent(worker)).toBe(2)
  })
})

describe('which first answers are kept', () => {
  it('replays what GitHub answered, errors included (a 404, or a timeout that may have acted)', async () => {
    const worker = relaykit({ GITHUB_TIMEOUT_MS: '50' })
    const notFound = { ...comment, idempotency_key: newKey() }
    worker.github.failNext({ status: 404, body: { message: 'Not Found' } })
    const first404 = await worker.post('/chatgpt/prs/comment', notFound, actions)
    const replayed404 = await worker.post('/chatgpt/prs/comment', notFound, actions)
    const body404 = (await expectDocumented('post', '/chatgpt/prs/comment', replayed404)) as Answer
    expect([replayed404.status, body404.error, body404.replayed]).toEqual([404, 'github_not_found', true])
    // The replay names both requests: its own id, as its X-Request-Id, and the first one's.
    expect(body404.request_id).toBe(replayed404.headers.get('X-Request-Id'))
    expect(body404.original_request_id).toBe(first404.headers.get('X-Request-Id'))
    expect(body404.original_request_id).toBe(((await first404.json()) as Answer).request_id)
    expect(body404.request_id).not.toBe(body404.original_request_id)

    const timedOut = { ...comment, idempotency_key: newKey() }
    worker.github.failNext('hang')
    expect((await worker.post('/chatgpt/prs/comment', timedOut, actions)).status).toBe(504)
    const replayed504 = await worker.post('/chatgpt/prs/comment', timedOut, actions)
    expect([replayed504.status, ((await replayed504.json()) as Answer).replayed]).toEqual([504, true])
    expect(commentsSent(worker)).toBe(2)
  })

  it('gives the key back when nothing was done: refused by relaykit, GitHub unreachable or rate limiting', async () => {
    const worker = relaykit({ ALLOWED_EVENT_TYPES: 'deploy-preview' })
    const key = newKey()
    const dispatch = { owner: 'octo-org', repo: 'hivemind', event_type: 'run-tests', idempotency_key: key }
    expect((await worker.post('/chatgpt/dispatch', dispatch, actions)).status).toBe(403)

    const request = { ...comment, idempotency_key: newKey() }
    worker.github.failNext('network-error')
    expect((await worker.post('/chatgpt/prs/comment', request, actions)).status).toBe(502)
    worker.github.failNext({ status: 429, headers: { 'retry-after': '5' }, body: { message: 'You have exceeded a secondary rate limit' } })
    expect((await worker.post('/chatgpt/prs/comment', request, actions)).status).toBe(429)
    const done = await worker.post('/chatgpt/prs/comment', request, actions)
    expect([done.status, ((await done.json()) as Answer).replayed]).toEqual([200, undefined])
  })

  it('gives the key back after a validation error, so the corrected request can use it', async () => {
    const worker = relaykit()
    const key = newKey()
    const invalid = await worker.post('/chatgpt/prs/label', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, labels: [], idempotency_key: key }, actions)
    expect(invalid.status).toBe(422)
    const fixed = await worker.post('/chatgpt/prs/label', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, labels: ['ok'], idempotency_key: key }, actions)
    expect(fixed.status).toBe(200)
  })
})

describe('every write takes a key', () => {
  it.each([
    ['/chatgpt/prs/label', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, labels: ['triage'] }, 200],
    ['/chatgpt/dispatch', { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: { pr: 3 } }, 202],
    ['/chatgpt/workflows/dispatch', { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main' }, 202],
  ])('%s', async (path, request, status) => {
    const worker = relaykit()
    const keyed = { ...request, idempotency_key: newKey() }
    const first = await worker.post(path, keyed, actions)
    const again = await worker.post(path, keyed, actions)
    expect([first.status, again.status]).toEqual([status, status])
    expect(((await expectDocumented('post', path, again)) as Answer).replayed).toBe(true)
    expect(worker.github.received).toHaveLength(1)
  })

  it('/trigger-hive, replaying the first payload, request id and time included', async () => {
    const worker = relaykit()
    const keyed = { action: 'execute', idempotency_key: newKey() }
    const firstAnswer = await worker.post('/trigger-hive', keyed, bearer(secrets.RELAY_SECRET))
    const first = (await firstAnswer.json()) as Answer
    const again = await worker.post('/trigger-hive', keyed, bearer(secrets.RELAY_SECRET))
    expect((await expectDocumented('post', '/trigger-hive', again)) as Answer).toEqual({ ...first, original_request_id: firstAnswer.headers.get('X-Request-Id'), replayed: true })
    expect(worker.github.received).toHaveLength(1)
  })
})

describe('bad keys', () => {
  it('names the field when the key is malformed', async () => {
    const worker = relaykit()
    const response = await worker.post('/chatgpt/prs/comment', { ...comment, idempotency_key: 'has spaces in it' }, actions)
    const body = (await expectDocumented('post', '/chatgpt/prs/comment', response)) as { error: string; details: { field: string }[] }
    expect([response.status, body.error]).toEqual([422, 'validation_failed'])
    expect(body.details.map((detail) => detail.field)).toEqual(['body.idempotency_key'])
    expect(worker.github.received).toEqual([])
  })

  it('refuses a header and a field that differ', async () => {
    const worker = relaykit()
    const response = await worker.post('/chatgpt/prs/comment', { ...comment, idempotency_key: newKey() }, { ...actions, 'Idempotency-Key': newKey() })
    const body = (await expectDocumented('post', '/chatgpt/prs/comment', response)) as Answer
    expect([response.status, body.error]).toEqual([422, 'idempotency_key_conflict'])
    expect(worker.github.received).toEqual([])
  })
})

describe('when the idempotency store cannot be reached', () => {
  it('refuses a keyed write with 503 rather than risk acting twice; unkeyed writes go on', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const unreachable = { idFromName: (name: string) => name, get: () => ({ claim: () => Promise.reject(new Error('unavailable')) }) } as unknown as DurableObjectNamespace
    const worker = relaykit({ IDEMPOTENCY: unreachable as never })
    const keyed = await worker.post('/chatgpt/prs/comment', { ...comment, idempotency_key: newKey() }, actions)
    const body = (await expectDocumented('post', '/chatgpt/prs/comment', keyed)) as Answer
    expect([keyed.status, body.error]).toEqual([503, 'idempotency_unavailable'])
    expect(worker.github.received).toEqual([])
    expect((await worker.post('/chatgpt/prs/comment', comment, actions)).status).toBe(200)
  })
})

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}')
  })
})
