import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { generateSignedCookie } from 'hono/cookie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import actionsSpec from '../../../openapi/cf-openapi.json'
import spec from '../../../openapi/openapi.json'
import { recordName, sessionRegistry } from '../../../src/relays/chatkit/sessions/session-registry.js'
import { userFingerprint } from '../../../src/platform/auth/access-token-verifier.js'
import { bearer, identity, secrets } from '../../support/harness.js'
import { browser, CHATKIT_COOKIE_SECRET, chatkitWorker, cookieOf, failingOnce, workflows, type ChatKitAnswer } from '../../support/chatkit.js'
import { expectDocumented } from '../../support/openapi-contract.js'

// The chatkit relay against a fake ChatKit API that answers with OpenAI's real shapes and records
// what it was sent: who the ChatKit user is, start, refresh and every refusal, OpenAI's failures,
// and the policy around them (origins, rate limits, no-store, logs).

const FUTURE = Date.UTC(2031, 0, 1)
const DAY_MS = 24 * 3600 * 1000
const START = '/api/chatkit/start'
const REFRESH = '/api/chatkit/refresh'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

async function answer(path: string, response: Response): Promise<ChatKitAnswer> {
  return (await expectDocumented('post', path, response)) as ChatKitAnswer
}

describe('POST /api/chatkit/start', () => {
  it('answers the client secret and expiry of a real ChatKit session for the configured workflow', async () => {
    const worker = chatkitWorker()
    const response = await worker.start()
    const body = await answer(START, response)
    expect(response.status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['client_secret', 'expires_at'])
    expect(response.headers.get('Cache-Control')).toBe('no-store')

    const [sent] = worker.chatkit.received
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chatkit/sessions', authorization: `Bearer ${secrets.OPENAI_API_KEY}`, beta: 'chatkit_beta=v1' })
    expect(sent!.body).toEqual({ user: expect.stringMatching(/^visitor:[\w-]{22}$/), workflow: { id: workflows.default }, expires_after: { anchor: 'created_at', seconds: 600 } })
  })

  it('hands out exactly what OpenAI answered, and relaykit keeps only its hash', async () => {
    const worker = chatkitWorker()
    const body = await answer(START, await worker.start())
    const session = worker.chatkit.sessions[0]!
    expect(body).toEqual({ client_secret: session.client_secret, expires_at: session.expires_at })
    expect(session.expires_at - Date.now() / 1000).toBeGreaterThan(590)
    const record = env.CHATKIT_SESSIONS!.get(env.CHATKIT_SESSIONS!.idFromName(await recordName(body.client_secret!)))
    const stored = await runInDurableObject(record, (_, state) => JSON.stringify(Object.fromEntries(state.storage.kv.list())))
    expect(JSON.parse(stored)).toEqual({
      entry: { session: { sessionId: session.id, user: session.user, workflowId: workflows.default, expiresAt: session.expires_at }, state: 'active' },
    })
    expect(stored).not.toContain(body.client_secret!)
  })

  it('gives an anonymous visitor a signed, HttpOnly, SameSite, __Host- cookie, and the same user while it comes back', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    const first = await visitor.start()
    const setCookie = first.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^__Host-relaykit_visitor=[\w-]{22}\.\d+\.[^;]+; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
    const second = await visitor.start()
    const [one, two] = worker.users()
    expect(two).toBe(one)
    // Each start renews the cookie (a new issue time, so a new signature) for the same visitor id.
    const visitorIdOf = (response: Response) => decodeURIComponent(cookieOf(response)?.split('=')[1] ?? '').split('.')[0]
    expect(visitorIdOf(second)).toBe(visitorIdOf(first))
    expect(visitor.cookie).toBe(cookieOf(second))
  })

  it('gives two visitors two users, whatever X-Client-ID they claim', async () => {
    const worker = chatkitWorker()
    await browser(worker, { 'X-Client-ID': 'shared-id' }).start()
    await browser(worker, { 'X-Client-ID': 'shared-id' }).start()
    const [one, two] = worker.users()
    expect(one).not.toBe(two)
    expect(worker.users().join()).not.toContain('shared-id')
  })

  it('treats a tampered or foreign cookie as no cookie: a new visitor, never the one it names', async () => {
    const worker = chatkitWorker()
    const alice = browser(worker)
    await alice.start()
    const aliceUser = worker.users()[0]!
    const [name, value] = alice.cookie!.split('=') as [string, string]
    const [id, issuedAt, signature] = decodeURIComponent(value).split('.') as [string, string, string]
    const tampered = `${name}=${encodeURIComponent(`${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${issuedAt}.${signature}`)}`
    const forged = (await generateSignedCookie(name, `${id}.${issuedAt}`, 'a-secret-that-is-not-relaykits-0123456789', { secure: true, path: '/' })).split(';')[0]!
    for (const cookie of [tampered, forged, `${name}=${id}.${issuedAt}`]) {
      const response = await worker.start({ Cookie: cookie })
      expect(response.status).toBe(200)
      expect(cookieOf(response)).not.toBe(alice.cookie)
      expect(worker.users().at(-1)).not.toBe(aliceUser)
    }
    expect(new Set(worker.users()).size).toBe(4)
  })

  it('over https, ignores a bare relaykit_visitor cookie (which a sibling subdomain could plant), and sets the __Host- one', async () => {
    const worker = chatkitWorker()
    const attacker = browser(worker)
    await attacker.start()
    const planted = `relaykit_visitor=${attacker.cookie!.split('=')[1]}`
    const response = await worker.start({ Cookie: planted })
    expect(response.status).toBe(200)
    expect(cookieOf(response)).toMatch(/^__Host-relaykit_visitor=/)
    const victim = browser(worker)
    await victim.start()
    await worker.start({ Cookie: `${planted}; ${victim.cookie}` })
    const [attackerUser, plantedUser, victimUser, victimAgain] = worker.users()
    expect(plantedUser).not.toBe(attackerUser)
    expect(victimAgain).toBe(victimUser)
  })

  it('refuses a visitor cookie 30 days after relaykit signed it: a new visitor on start, 401 visitor_unknown on refresh', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    await visitor.start()
    const stolen = visitor.cookie!
    vi.setSystemTime(FUTURE + 29 * DAY_MS)
    await worker.start({ Cookie: stolen })
    vi.setSystemTime(FUTURE + 31 * DAY_MS)
    await worker.start({ Cookie: stolen })
    const [first, within, after] = worker.users()
    expect(within).toBe(first)
    expect(after).not.toBe(first)
    const refresh = await worker.refresh('ek_any', { Cookie: stolen })
    expect([refresh.status, (await answer(REFRESH, refresh)).error]).toEqual([401, 'visitor_unknown'])
  })

  it('accepts a cookie signed with any key of CHATKIT_COOKIE_SECRET, and renews it signed with the first', async () => {
    const nextKey = 'next-chatkit-cookie-secret-0123456789abcdef'
    const before = chatkitWorker()
    const visitor = browser(before)
    await visitor.start()
    const rotating = chatkitWorker({ CHATKIT_COOKIE_SECRET: `${nextKey}, ${CHATKIT_COOKIE_SECRET}` })
    const renewed = await rotating.start({ Cookie: visitor.cookie! })
    const after = chatkitWorker({ CHATKIT_COOKIE_SECRET: nextKey })
    await after.start({ Cookie: cookieOf(renewed)! })
    expect([rotating.users()[0], after.users()[0]]).toEqual([before.users()[0], before.users()[0]])
  })

  it('sets no cookie on a refused start (422, 429), whether the visitor is new or not', async () => {
    const worker = chatkitWorker({ RATE_LIMIT_CHATKIT_USER: '1/hour burst 1' })
    const visitor = browser(worker)
    const unknown = await visitor.start({ workflow: 'sales' })
    expect([unknown.status, cookieOf(unknown)]).toEqual([422, undefined])
    expect((await visitor.start()).status).toBe(200)
    const limited = await visitor.start()
    expect([limited.status, cookieOf(limited)]).toEqual([429, undefined])
  })

  it("makes a signed-in user the ChatKit user of their token's subject, on any browser, with no cookie", async () => {
    const worker = chatkitWorker()
    const alice = bearer(await worker.identity.mint('alice'))
    const first = await worker.start(alice)
    const second = await browser(worker, alice).start()
    await worker.start(bearer(await worker.identity.mint('bob')))
    expect(first.status).toBe(200)
    expect(cookieOf(first)).toBeUndefined()
    expect(cookieOf(second)).toBeUndefined()
    const aliceUser = await userFingerprint({ issuer: identity.issuer, subject: 'alice' })
    expect(worker.users()).toEqual([aliceUser, aliceUser, await userFingerprint({ issuer: identity.issuer, subject: 'bob' })])
  })

  it('refuses an invalid access token (401), and any token where no issuer is configured (400)', async () => {
    const worker = chatkitWorker()
    const expired = await worker.start(bearer(await worker.identity.mint('alice', {}, { expiresIn: -60 })))
    expect([expired.status, (await answer(START, expired)).error]).toEqual([401, 'invalid_token'])
    const noIssuer = await chatkitWorker({ OIDC_ISSUER: '' }).start(bearer('anything'))
    expect([noIssuer.status, (await answer(START, noIssuer)).error]).toEqual([400, 'access_token_not_accepted'])
    expect(worker.chatkit.received).toHaveLength(0)
  })

  it('runs a workflow the caller names from CHATKIT_WORKFLOWS, and refuses any other name', async () => {
    const worker = chatkitWorker()
    expect((await worker.start({}, { workflow: 'support' })).status).toBe(200)
    expect(worker.chatkit.received[0]!.body).toMatchObject({ workflow: { id: workflows.support } })
    const unknown = await worker.start({}, { workflow: 'sales' })
    expect([unknown.status, (await answer(START, unknown)).error]).toEqual([422, 'unknown_workflow'])
    const malformed = await worker.start({}, { workflow: 'Sales Team' })
    expect([malformed.status, (await answer(START, malformed)).error]).toEqual([422, 'validation_failed'])
    expect(worker.chatkit.received).toHaveLength(1)
  })

  it('answers POST / when ROOT_RELAY=chatkit, and only then', async () => {
    const root = await chatkitWorker({ ROOT_RELAY: 'chatkit' }).fetch('/', { method: 'POST', headers: { 'X-Client-ID': 'an-old-widget' } })
    expect(root.status).toBe(200)
    expect(((await root.json()) as ChatKitAnswer).client_secret).toMatch(/^ek_/)
    expect(root.headers.get('Cache-Control')).toBe('no-store')
    // Without ROOT_RELAY, `/` only answers GET (the redirect to /docs).
    expect((await chatkitWorker().fetch('/', { method: 'POST' })).status).toBe(405)
    expect((await chatkitWorker({ ROOT_RELAY: 'chatkit' }).fetch('/')).status).toBe(302)
  })
})

describe('POST /api/chatkit/refresh', () => {
  it('answers a new secret for the same user and workflow, then cancels the old session', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    const started = await answer(START, await visitor.start({ workflow: 'support' }))
    const oldId = worker.chatkit.sessions[0]!.id
    const response = await visitor.refresh(started.client_secret!)
    const refreshed = await answer(REFRESH, response)
    await worker.settled()
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(cookieOf(response)).toBeUndefined()
    expect(refreshed.client_secret).not.toBe(started.client_secret)
    const [first, second] = worker.users()
    expect(second).toBe(first)
    expect(worker.chatkit.received.map((request) => request.path)).toEqual(['/v1/chatkit/sessions', '/v1/chatkit/sessions', `/v1/chatkit/sessions/${oldId}/cancel`])
    expect(worker.chatkit.received[1]!.body).toMatchObject({ workflow: { id: workflows.support } })
    expect(worker.chatkit.received[2]).toMatchObject({ beta: 'chatkit_beta=v1', authorization: `Bearer ${secrets.OPENAI_API_KEY}` })
    expect(worker.chatkit.sessions[0]!.status).toBe('cancelled')
  })

  it('refuses a secret it already refreshed (401 client_secret_revoked), and refreshes the newest one', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    const first = await answer(START, await visitor.start())
    const second = await answer(REFRESH, await visitor.refresh(first.client_secret!))
    const again = await visitor.refresh(first.client_secret!)
    expect([again.status, (await answer(REFRESH, again)).error]).toEqual([401, 'client_secret_revoked'])
    expect(again.headers.get('Cache-Control')).toBe('no-store')
    expect((await visitor.refresh(second.client_secret!)).status).toBe(200)
  })

  it('refuses a secret relaykit never issued (401 client_secret_unknown) without calling OpenAI', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    await visitor.start()
    const response = await visitor.refresh('ek_minted_somewhere_else')
    expect([response.status, (await answer(REFRESH, response)).error]).toEqual([401, 'client_secret_unknown'])
    expect(worker.chatkit.received).toHaveLength(1)
  })

  it("refuses another visitor's secret (403 client_secret_not_yours) and leaves their session alone", async () => {
    const worker = chatkitWorker()
    const [alice, mallory] = [browser(worker), browser(worker)]
    const secret = (await answer(START, await alice.start())).client_secret!
    await mallory.start()
    const stolen = await mallory.refresh(secret)
    expect([stolen.status, (await answer(REFRESH, stolen)).error]).toEqual([403, 'client_secret_not_yours'])
    expect(worker.chatkit.sessions[0]!.status).toBe('active')
    expect((await alice.refresh(secret)).status).toBe(200)
  })

  it("refuses a signed-in user's secret to anyone else, the same browser's anonymous visitor included", async () => {
    const worker = chatkitWorker()
    const alice = bearer(await worker.identity.mint('alice'))
    const visitor = browser(worker)
    await visitor.start()
    const secret = (await answer(START, await worker.start({ ...alice, Cookie: visitor.cookie! }))).client_secret!
    for (const response of [await visitor.refresh(secret), await worker.refresh(secret, bearer(await worker.identity.mint('bob')))]) {
      expect([response.status, (await answer(REFRESH, response)).error]).toEqual([403, 'client_secret_not_yours'])
    }
    expect((await worker.refresh(secret, alice)).status).toBe(200)
  })

  it('refuses a refresh with no valid visitor cookie and no token (401 visitor_unknown), and sets no cookie', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    const secret = (await answer(START, await visitor.start())).client_secret!
    const [name, value] = visitor.cookie!.split('=') as [string, string]
    for (const headers of [{}, { Cookie: `${name}=x${value}` }] as Record<string, string>[]) {
      const response = await worker.refresh(secret, headers)
      expect([response.status, (await answer(REFRESH, response)).error]).toEqual([401, 'visitor_unknown'])
      expect(cookieOf(response)).toBeUndefined()
    }
  })

  it('refuses a secret whose session expired (401 client_secret_expired), and forgets it when the session ends', async () => {
    const worker = chatkitWorker({ CHATKIT_SESSION_SECONDS: '60' })
    const visitor = browser(worker)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    const secret = (await answer(START, await visitor.start())).client_secret!
    expect(worker.chatkit.received[0]!.body).toMatchObject({ expires_after: { anchor: 'created_at', seconds: 60 } })
    vi.setSystemTime(FUTURE + 61_000)
    const expired = await visitor.refresh(secret)
    expect([expired.status, (await answer(REFRESH, expired)).error]).toEqual([401, 'client_secret_expired'])
    // The record's alarm, set for the session's end, deletes it.
    expect(await runDurableObjectAlarm(env.CHATKIT_SESSIONS!.get(env.CHATKIT_SESSIONS!.idFromName(await recordName(secret))))).toBe(true)
    const forgotten = await visitor.refresh(secret)
    expect([forgotten.status, (await answer(REFRESH, forgotten)).error]).toEqual([401, 'client_secret_unknown'])
  })

  it('fails closed when the old secret cannot be revoked: 503, the new session cancelled, and never two live successors', async () => {
    const worker = chatkitWorker({ CHATKIT_SESSIONS: failingOnce(env.CHATKIT_SESSIONS!, 'revoke') })
    const visitor = browser(worker)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    const secret = (await answer(START, await visitor.start())).client_secret!
    const failed = await visitor.refresh(secret)
    expect([failed.status, (await answer(REFRESH, failed)).error]).toEqual([503, 'chatkit_registry_unavailable'])
    expect(worker.chatkit.sessions.map((session) => session.status)).toEqual(['active', 'cancelled'])
    // Past any claim the failed refresh could still hold, the old secret yields one live successor.
    vi.setSystemTime(FUTURE + 120_000)
    expect((await visitor.refresh(secret)).status).toBe(200)
    await worker.settled()
    expect(worker.chatkit.sessions.map((session) => session.status)).toEqual(['cancelled', 'cancelled', 'active'])
  })

  it('a refresh whose claim lapsed can neither give back nor revoke the claim that replaced it', async () => {
    const registry = sessionRegistry(env.CHATKIT_SESSIONS!)
    const secret = `ek_lapsed_${crypto.randomUUID()}`
    const user = 'visitor:lapsed-claim'
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    await registry.register(secret, { sessionId: 'cksess_lapsed', user, workflowId: workflows.default, expiresAt: FUTURE / 1000 + 600 })
    const a = await registry.claimRefresh(secret, user, 1_000)
    vi.setSystemTime(FUTURE + 2_000)
    const b = await registry.claimRefresh(secret, user, 60_000)
    if (a.outcome !== 'claimed' || b.outcome !== 'claimed') throw new Error(`expected two claims, got ${a.outcome} and ${b.outcome}`)
    await registry.release(secret, a.claimId)
    expect(await registry.revoke(secret, a.claimId)).toBe(false)
    expect((await registry.claimRefresh(secret, user, 1_000)).outcome).toBe('in_progress')
    expect(await registry.revoke(secret, b.claimId)).toBe(true)
  })

  it('answers the new secret without waiting for OpenAI to cancel the old session', async () => {
    let answerCancel!: () => void
    const cancelHeld = new Promise<void>((resolve) => (answerCancel = resolve))
    const worker = chatkitWorker({}, (fake) => async (request) => {
      if (request.url.endsWith('/cancel')) await cancelHeld
      return fake(request)
    })
    const visitor = browser(worker)
    const secret = (await answer(START, await visitor.start())).client_secret!
    expect((await visitor.refresh(secret)).status).toBe(200)
    expect(worker.chatkit.sessions[0]!.status).toBe('active')
    answerCancel()
    await worker.settled()
    expect(worker.chatkit.sessions[0]!.status).toBe('cancelled')
  })

  it('gives the secret back when OpenAI fails the refresh, so it can be refreshed again', async () => {
    const worker = chatkitWorker()
    const visitor = browser(worker)
    const secret = (await answer(START, await visitor.start())).client_secret!
    worker.chatkit.failNext({ status: 500, body: { error: { message: 'The server had an error.', type: 'server_error', param: null, code: null } } })
    const failed = await visitor.refresh(secret)
    expect([failed.status, (await answer(REFRESH, failed)).error]).toEqual([502, 'openai_error'])
    expect((await visitor.refresh(secret)).status).toBe(200)
  })

  it('still answers the new secret when cancelling the old session fails, and logs the step (never the secret)', async () => {
    const worker = chatkitWorker({}, (fake) => (request) => (request.url.endsWith('/cancel') ? Promise.reject(new TypeError('Network connection lost.')) : fake(request)))
    const visitor = browser(worker)
    const secret = (await answer(START, await visitor.start())).client_secret!
    const errors = vi.spyOn(console, 'error')
    const response = await visitor.refresh(secret)
    expect(response.status).toBe(200)
    await worker.settled()
    const logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>)
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'chatkit_cleanup_failed', step: 'cancel_previous', reason: 'openai_unreachable' }))
  })
})

describe("OpenAI's failures", () => {
  const openAIError = (status: number, message: string, type: string, code: string | null = null, headers: Record<string, string> = {}, param: string | null = null) => ({
    status,
    headers,
    body: { error: { message, type, param, code } },
  })

  it('a wrong workflow id (OpenAI 404) is 502 chatkit_workflow_rejected, naming the settings to check', async () => {
    const response = await chatkitWorker({ CHATKIT_WORKFLOW_ID: 'wf_deleted' }).start()
    const body = await answer(START, response)
    expect([response.status, body.error]).toEqual([502, 'chatkit_workflow_rejected'])
    expect(body.message).toContain('CHATKIT_WORKFLOW_ID')
    expect(body.message).not.toContain('wf_deleted')
  })

  it("an OpenAI 400 about the workflow is 502 chatkit_workflow_rejected; about anything else, OpenAI's refusal (422)", async () => {
    const worker = chatkitWorker()
    worker.chatkit.failNext(openAIError(400, "Invalid 'user': too long.", 'invalid_request_error', 'invalid_value', {}, 'user'))
    worker.chatkit.failNext(openAIError(400, "Invalid 'workflow.id'.", 'invalid_request_error', 'invalid_value', {}, 'workflow.id'))
    const [user, workflow] = [await worker.start(), await worker.start()]
    expect([user.status, (await answer(START, user)).error]).toEqual([422, 'openai_rejected_request'])
    expect([workflow.status, (await answer(START, workflow)).error]).toEqual([502, 'chatkit_workflow_rejected'])
  })

  it("a bad key (OpenAI 401) is 502 openai_key_rejected: the operator's to fix", async () => {
    const response = await chatkitWorker({ OPENAI_API_KEY: 'sk-wrong-key' }).start()
    expect([response.status, (await answer(START, response)).error]).toEqual([502, 'openai_key_rejected'])
  })

  it("OpenAI's rate limit is 429 openai_rate_limited with OpenAI's wait", async () => {
    const worker = chatkitWorker()
    worker.chatkit.failNext(openAIError(429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded', { 'retry-after': '17' }))
    const response = await worker.start()
    const body = await answer(START, response)
    expect([response.status, body.error, body.retry_after_seconds]).toEqual([429, 'openai_rate_limited', 17])
    expect(response.headers.get('Retry-After')).toBe('17')
  })

  it('no answer within OPENAI_TIMEOUT_MS is 504; no connection is 502; an answer without a session is 502', async () => {
    const worker = chatkitWorker({ OPENAI_TIMEOUT_MS: '50' })
    worker.chatkit.failNext('hang')
    worker.chatkit.failNext('network-error')
    worker.chatkit.failNext({ status: 200, body: { id: 'cksess_1', object: 'chatkit.session' } })
    const errors = []
    for (let i = 0; i < 3; i++) {
      const response = await worker.start()
      errors.push([response.status, (await answer(START, response)).error])
    }
    expect(errors).toEqual([
      [504, 'openai_timeout'],
      [502, 'openai_unreachable'],
      [502, 'openai_unreadable'],
    ])
  })

  it('a secret relaykit cannot record is cancelled at OpenAI and never handed out (503)', async () => {
    const unreachable = {
      idFromName: () => {
        throw new Error('registry down')
      },
    } as unknown as DurableObjectNamespace<never>
    const worker = chatkitWorker({ CHATKIT_SESSIONS: unreachable as never })
    const response = await worker.start()
    const body = await answer(START, response)
    expect([response.status, body.error]).toEqual([503, 'chatkit_registry_unavailable'])
    expect(body.client_secret).toBeUndefined()
    expect(worker.chatkit.sessions[0]!.status).toBe('cancelled')
  })
})

describe('policy', () => {
  it('refuses a disallowed Origin with 403; an allowed one may send the visitor cookie (credentials, exact origin)', async () => {
    const worker = chatkitWorker()
    const evil = await worker.start({ Origin: 'https://evil.example' })
    expect([evil.status, (await answer(START, evil)).error]).toEqual([403, 'origin_not_allowed'])
    const allowed = await worker.start({ Origin: 'https://app.example.com' })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com')
    expect(allowed.headers.get('Access-Control-Allow-Credentials')).toBe('true')
    const preflight = await worker.fetch(START, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-client-id' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Credentials')).toBe('true')
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toMatch(/X-Client-ID/i)
    expect(worker.chatkit.received).toHaveLength(1)
  })

  it('limits each user, and each address whoever its visitors are', async () => {
    const perUser = chatkitWorker({ RATE_LIMIT_CHATKIT_USER: '1/hour burst 2' })
    const visitor = browser(perUser, { 'CF-Connecting-IP': '203.0.113.10' })
    expect([(await visitor.start()).status, (await visitor.start()).status]).toEqual([200, 200])
    const limited = await visitor.start()
    expect([limited.status, (await answer(START, limited)).error]).toEqual([429, 'rate_limited'])
    expect((await browser(perUser, { 'CF-Connecting-IP': '203.0.113.10' }).start()).status).toBe(200)

    const perAddress = chatkitWorker({ RATE_LIMIT_CHATKIT_IP: '1/hour burst 2' })
    const address = { 'CF-Connecting-IP': '203.0.113.11' }
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await browser(perAddress, address).start()).status)
    expect(statuses).toEqual([200, 200, 429])
    expect(perAddress.chatkit.received).toHaveLength(2)
  })

  it('answers no-store on every route answer, refusals included', async () => {
    const worker = chatkitWorker()
    const answers = [await worker.start(), await worker.start({}, { workflow: 'nope' }), await worker.refresh('ek_unknown'), await chatkitWorker({ RELAYS: 'github' }).start()]
    expect(answers.map((response) => response.status)).toEqual([200, 422, 401, 503])
    expect(answers.map((response) => response.headers.get('Cache-Control'))).toEqual(['no-store', 'no-store', 'no-store', 'no-store'])
  })

  it('never logs a client secret, a cookie, a token or a key', async () => {
    const lines: string[] = []
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
    }
    const worker = chatkitWorker({}, (fake) => (request) => (request.url.endsWith('/cancel') ? Promise.reject(new TypeError('lost')) : fake(request)))
    const visitor = browser(worker)
    const token = await worker.identity.mint('alice')
    const started = await answer(START, await visitor.start())
    const refreshed = await answer(REFRESH, await visitor.refresh(started.client_secret!))
    const signedIn = await answer(START, await worker.start(bearer(token)))
    await visitor.refresh(started.client_secret!)
    await worker.refresh(signedIn.client_secret!, { Cookie: visitor.cookie! })
    await worker.start(bearer(`${token}x`))
    worker.chatkit.failNext({ status: 500 })
    await visitor.refresh(refreshed.client_secret!)
    await worker.settled()
    const output = lines.join('\n')
    expect(lines.length).toBeGreaterThan(5)
    const visitorId = decodeURIComponent(visitor.cookie!.split('=')[1]!).split('.')[0]!
    for (const secret of [
      started.client_secret,
      refreshed.client_secret,
      signedIn.client_secret,
      visitor.cookie,
      visitorId,
      token,
      secrets.OPENAI_API_KEY,
      CHATKIT_COOKIE_SECRET,
    ]) {
      expect(output).not.toContain(secret)
    }
  })
})

describe('configuration and documents', () => {
  it('/health reports the relay and what it lacks; its routes answer 503 naming it', async () => {
    const worker = chatkitWorker({ CHATKIT_WORKFLOW_ID: undefined, CHATKIT_COOKIE_SECRET: 'short', CHATKIT_SESSIONS: undefined })
    const health = (await (await worker.fetch('/health')).json()) as {
      relays: Record<string, { ready: boolean; missing: string[]; invalid: string[]; rate_limits: { setting: string }[] }>
    }
    expect(health.relays.chatkit).toMatchObject({ ready: false, missing: ['CHATKIT_WORKFLOW_ID', 'CHATKIT_SESSIONS (Durable Object binding, see wrangler.toml)'] })
    expect(health.relays.chatkit!.invalid).toEqual([expect.stringMatching(/^CHATKIT_COOKIE_SECRET: entry 1 must be at least 32 characters/)])
    expect(health.relays.chatkit!.rate_limits.map((limit) => limit.setting)).toEqual(['RATE_LIMIT_CHATKIT_IP', 'RATE_LIMIT_CHATKIT_USER'])
    const response = await worker.start()
    const body = await answer(START, response)
    expect([response.status, body.error]).toEqual([503, 'relay_not_configured'])
    expect(body.message).toContain('CHATKIT_WORKFLOW_ID')
  })

  it('works through the generated typed client', async () => {
    const worker = chatkitWorker()
    const client = worker.client(await worker.identity.mint('alice'))
    const started = await client.POST('/api/chatkit/start', { body: { workflow: 'support' } })
    expect(started.response.status).toBe(200)
    const refreshed = await client.POST('/api/chatkit/refresh', { body: { currentClientSecret: started.data!.client_secret } })
    expect(refreshed.data!.expires_at).toBeGreaterThan(Date.now() / 1000)
    const refused = await client.POST('/api/chatkit/refresh', { body: { currentClientSecret: started.data!.client_secret } })
    expect(refused.error?.error).toBe('client_secret_revoked')
  })

  it('is in openapi.json and not in the ChatGPT Actions spec', () => {
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([START, REFRESH]))
    expect(Object.keys(actionsSpec.paths).filter((path) => path.includes('chatkit'))).toEqual([])
  })
})
