import { describe, expect, it } from 'vitest'
import { copilotRelay } from '../../../src/relays/copilot/index.js'
import type { Env } from '../../../src/platform/env.js'
import { FAKE_OCTOCAT } from '../../../src/upstreams/copilot/fake/fake-github.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { accountWithKey, type CopilotFakes, copilotWorker, failing, HUBOT, MALLORY, type PathFailure, setupPage } from '../../support/copilot.js'
import { expectDocumented } from '../../support/openapi-contract.js'

// The Copilot bridge's operations, every status they document, produced by real requests and
// checked against the committed openapi.json: OpenAI's error shape on /{username}/v1/*,
// relaykit's own on the sign-in, account and page routes.

/** relaykit's code from either error shape. */
const errorCode = (body: unknown) => {
  const error = (body as { error?: unknown } | undefined)?.error
  return typeof error === 'string' ? error : (error as { code?: string } | undefined)?.code
}

interface Call {
  env?: Partial<Env>
  fakes?: CopilotFakes
  /** A failure of every request to this upstream path. */
  failure?: [path: string, failure: PathFailure]
}

function worker({ env = {}, fakes = {}, failure }: Call = {}) {
  return copilotWorker(env, fakes, failure ? failing(...failure) : undefined)
}

async function documented(method: string, specPath: string, response: Response) {
  const body = await expectDocumented(method, specPath, response)
  return { status: response.status, code: errorCode(body), body: body as Record<string, unknown> }
}

const UNCONFIGURED = { COPILOT_GITHUB_USERS: '' }
const SLOW = { COPILOT_TIMEOUT_MS: '50' }
const SMALL_BODIES = { COPILOT_MAX_BODY_BYTES: '1024' }
const bogusKey = { Authorization: 'Bearer acpc-not-a-key' }

const conversations = {
  copilotChatCompletions: {
    specPath: '/{username}/v1/chat/completions',
    path: '/octocat/v1/chat/completions',
    body: { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello.' }] },
    streams: true,
    /** Copilot refuses it for a reason it names. */
    refused: { model: 'claude-opus-4.1', messages: [{ role: 'user', content: 'Hello.' }] },
    invalid: { model: 'gpt-4.1' },
  },
  copilotResponses: {
    specPath: '/{username}/v1/responses',
    path: '/octocat/v1/responses',
    body: { model: 'gpt-5-codex', input: 'Hello.' },
    streams: true,
    refused: { model: 'claude-sonnet-4.5', input: 'Hello.' },
    invalid: { model: 'gpt-5-codex' },
  },
  copilotEmbeddings: {
    specPath: '/{username}/v1/embeddings',
    path: '/octocat/v1/embeddings',
    body: { model: 'text-embedding-3-small', input: 'hello' },
    streams: false,
    refused: { model: 'gpt-4.1', input: 'hello' },
    invalid: { input: 'hello' },
  },
}

describe.each(Object.entries(conversations))('%s', (_, operation) => {
  async function call({
    body = operation.body as unknown,
    headers = {} as Record<string, string>,
    prepare = (_w: ReturnType<typeof worker>) => {},
    ...options
  }: Call & { body?: unknown; headers?: Record<string, string>; prepare?: (w: ReturnType<typeof worker>) => void } = {}) {
    const w = worker(options)
    const { bearer } = await accountWithKey(w)
    prepare(w)
    return documented('post', operation.specPath, await w.send('POST', operation.path, { headers: { ...bearer, ...headers }, body }))
  }

  it("answers 200 with Copilot's JSON", async () => {
    const { status, body } = await call()
    expect(status).toBe(200)
    expect(body.object).toMatch(/^(chat\.completion|response|list)$/)
  })

  it.runIf(operation.streams)('answers 200 with an event stream when asked to stream', async () => {
    const { status, body } = await call({ body: { ...operation.body, stream: true } })
    expect(status).toBe(200)
    expect(body).toMatch(/^(event: \S+\n)?data: /)
  })

  it('answers 400 for a body that is not JSON, and for a request Copilot refuses, quoting it', async () => {
    expect(await call({ body: '{"model": ' })).toMatchObject({ status: 400, code: 'invalid_json' })
    const refused = await call({ body: operation.refused })
    expect(refused.status).toBe(400)
    expect(refused.code).toMatch(/^copilot_model_(not_enabled|wrong_endpoint)$/)
  })

  it('answers 401 without a key of the account', async () => {
    const w = worker()
    await accountWithKey(w)
    expect(await documented('post', operation.specPath, await w.send('POST', operation.path, { body: operation.body }))).toMatchObject({ status: 401, code: 'missing_api_key' })
    expect(await documented('post', operation.specPath, await w.send('POST', operation.path, { headers: bogusKey, body: operation.body }))).toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    })
  })

  it('answers 403 for a model COPILOT_MODELS does not list', async () => {
    expect(await call({ env: { COPILOT_MODELS: 'gpt-5-mini' } })).toMatchObject({ status: 403, code: 'model_not_allowed' })
  })

  it('answers 413 for a body over COPILOT_MAX_BODY_BYTES', async () => {
    const { status } = await call({ env: SMALL_BODIES, body: { ...operation.body, padding: 'x'.repeat(2_000) } })
    expect(status).toBe(413)
  })

  it('answers 415 for a body not sent as JSON', async () => {
    expect((await call({ headers: { 'Content-Type': 'text/plain' } })).status).toBe(415)
  })

  it('answers 422 naming the field the envelope lacks', async () => {
    expect(await call({ body: operation.invalid })).toMatchObject({ status: 422, code: 'validation_failed' })
  })

  it("answers 429 over the account's limit", async () => {
    const w = worker({ env: { RATE_LIMIT_COPILOT: '1/hour' } })
    const { bearer } = await accountWithKey(w)
    await w.send('POST', operation.path, { headers: bearer, body: operation.body })
    expect(await documented('post', operation.specPath, await w.send('POST', operation.path, { headers: bearer, body: operation.body }))).toMatchObject({
      status: 429,
      code: 'rate_limited',
    })
  })

  it('answers 502 when Copilot cannot be reached', async () => {
    expect(await call({ prepare: (w) => w.copilot.failNext('network-error') })).toMatchObject({ status: 502, code: 'copilot_unreachable' })
  })

  it('answers 503 naming what is missing', async () => {
    const w = worker({ env: UNCONFIGURED })
    expect(await documented('post', operation.specPath, await w.send('POST', operation.path, { headers: bogusKey, body: operation.body }))).toMatchObject({
      status: 503,
      code: 'relay_not_configured',
    })
  })

  it('answers 504 when Copilot does not begin answering in time', async () => {
    expect(await call({ env: SLOW, prepare: (w) => w.copilot.failNext('hang') })).toMatchObject({ status: 504, code: 'copilot_timeout' })
  })
})

describe.each([
  ['listCopilotModels', '/{username}/v1/models', '/octocat/v1/models', 'copilot' as const],
  ['getCopilotUsage', '/{username}/v1/usage', '/octocat/v1/usage', 'github' as const],
])('%s', (_, specPath, path, upstream) => {
  const upstreamFailure = (failure: PathFailure): Call => (upstream === 'github' ? { failure: ['/copilot_internal/user', failure] } : {})

  async function call(options: Call & { headers?: Record<string, string>; copilotFails?: 'network-error' | 'hang' } = {}) {
    const w = worker(options)
    const { bearer } = await accountWithKey(w)
    if (options.copilotFails) w.copilot.failNext(options.copilotFails)
    return documented('get', specPath, await w.send('GET', path, { headers: { ...bearer, ...options.headers } }))
  }

  it('answers 200', async () => {
    expect((await call()).status).toBe(200)
  })

  it('answers 401 to a key of no account', async () => {
    const w = worker()
    expect(await documented('get', specPath, await w.send('GET', path, { headers: bogusKey }))).toMatchObject({ status: 401, code: 'invalid_api_key' })
  })

  it('answers 403 to an origin not on the list', async () => {
    expect(await call({ headers: { Origin: 'https://evil.example' } })).toMatchObject({ status: 403, code: 'origin_not_allowed' })
  })

  it("answers 429 over the account's limit", async () => {
    const w = worker({ env: { RATE_LIMIT_COPILOT: '1/hour' } })
    const { bearer } = await accountWithKey(w)
    await w.send('GET', path, { headers: bearer })
    expect(await documented('get', specPath, await w.send('GET', path, { headers: bearer }))).toMatchObject({ status: 429, code: 'rate_limited' })
  })

  it('answers 502 when the upstream cannot be reached', async () => {
    const { status } = await call(upstream === 'github' ? upstreamFailure('network-error') : { copilotFails: 'network-error' })
    expect(status).toBe(502)
  })

  it('answers 503 naming what is missing', async () => {
    const w = worker({ env: UNCONFIGURED })
    expect(await documented('get', specPath, await w.send('GET', path, { headers: bogusKey }))).toMatchObject({ status: 503, code: 'relay_not_configured' })
  })

  it('answers 504 when the upstream does not begin answering in time', async () => {
    const { status } = await call({ env: SLOW, ...(upstream === 'github' ? upstreamFailure('hang') : { copilotFails: 'hang' }) })
    expect(status).toBe(504)
  })
})

describe('startCopilotDeviceSignIn', () => {
  const start = async (options: Call & { origin?: string } = {}) =>
    documented('post', '/github/get-device-code', await worker(options).send('POST', '/github/get-device-code', { headers: options.origin ? { Origin: options.origin } : {} }))

  it('answers 200 with the code and the id to poll with, never the device code', async () => {
    const { status, body } = await start()
    expect(status).toBe(200)
    expect(body).toMatchObject({ flow_id: expect.stringMatching(/^[\w-]{22}$/), user_code: expect.any(String), interval: 0 })
    expect(JSON.stringify(body)).not.toContain('fake-device-code')
  })

  it('answers 403 to another origin, even one ALLOWED_ORIGINS allows', async () => {
    expect(await start({ origin: 'https://app.example.com' })).toMatchObject({ status: 403, code: 'origin_not_allowed' })
  })

  it('answers 429 over the sign-in limit', async () => {
    const w = worker({ env: { RATE_LIMIT_COPILOT_SIGN_IN: '1/hour' } })
    await w.send('POST', '/github/get-device-code')
    expect(await documented('post', '/github/get-device-code', await w.send('POST', '/github/get-device-code'))).toMatchObject({ status: 429, code: 'rate_limited' })
  })

  it('answers 502 when GitHub refuses the client id', async () => {
    expect(await start({ env: { COPILOT_CLIENT_ID: 'Iv1.somebodyelse' } })).toMatchObject({ status: 502, code: 'github_device_flow_error' })
  })

  it('answers 503 naming what is missing', async () => {
    expect(await start({ env: UNCONFIGURED })).toMatchObject({ status: 503, code: 'relay_not_configured' })
  })

  it('answers 504 when GitHub does not answer in time', async () => {
    expect(await start({ env: SLOW, failure: ['/login/device/code', 'hang'] })).toMatchObject({ status: 504, code: 'github_timeout' })
  })
})

describe('pollCopilotDeviceSignIn', () => {
  async function poll(options: Call & { body?: unknown; headers?: Record<string, string> } = {}) {
    const w = worker(options)
    const started = (await (await w.send('POST', '/github/get-device-code')).json()) as { flow_id?: string }
    const response = await w.send('POST', '/github/poll-device-code', { headers: options.headers, body: options.body ?? { flow_id: started.flow_id } })
    return documented('post', '/github/poll-device-code', response)
  }

  it('answers 200 and sets the session cookie once GitHub approves', async () => {
    const w = worker()
    const response = await setupPage(w).signIn()
    const { status, body } = await documented('post', '/github/poll-device-code', response)
    expect([status, body.github_login]).toEqual([200, 'octocat'])
    expect(response.headers.get('Set-Cookie')).toMatch(/^__Host-relaykit_copilot_session=.+; Max-Age=900; Path=\/; HttpOnly; Secure; SameSite=Strict$/)
  })

  it('answers 202 while the person has not approved', async () => {
    expect(await poll({ fakes: { github: { devicePolls: ['authorization_pending'] } } })).toMatchObject({ status: 202, body: { status: 'pending' } })
  })

  it('answers 400 for a body that is not JSON', async () => {
    expect(await poll({ body: '{"flow_id": ' })).toMatchObject({ status: 400, code: 'invalid_json' })
  })

  it('answers 403 when the person denies the sign-in', async () => {
    expect(await poll({ fakes: { github: { devicePolls: ['access_denied'] } } })).toMatchObject({ status: 403, code: 'sign_in_denied' })
  })

  it('answers 410 for a sign-in that is unknown or over', async () => {
    expect(await poll({ body: { flow_id: 'AAAAAAAAAAAAAAAAAAAAAA' } })).toMatchObject({ status: 410, code: 'sign_in_ended' })
    expect(await poll({ fakes: { github: { devicePolls: ['expired_token'] } } })).toMatchObject({ status: 410, code: 'sign_in_expired' })
  })

  it('answers 413, 415 and 422 for what is not a poll', async () => {
    expect((await poll({ env: SMALL_BODIES, body: { flow_id: 'x'.repeat(2_000) } })).status).toBe(413)
    expect((await poll({ headers: { 'Content-Type': 'text/plain' } })).status).toBe(415)
    expect(await poll({ body: { flow_id: 'short' } })).toMatchObject({ status: 422, code: 'validation_failed' })
  })

  it('answers 502 when GitHub cannot be reached', async () => {
    expect(await poll({ failure: ['/login/oauth/access_token', 'network-error'] })).toMatchObject({ status: 502, code: 'github_unreachable' })
  })

  it('answers 503 naming what is missing', async () => {
    const w = worker({ env: UNCONFIGURED })
    expect(await documented('post', '/github/poll-device-code', await w.send('POST', '/github/poll-device-code', { body: { flow_id: 'AAAAAAAAAAAAAAAAAAAAAA' } }))).toMatchObject({
      status: 503,
    })
  })

  it('answers 504 when GitHub does not answer in time', async () => {
    expect(await poll({ env: SLOW, failure: ['/login/oauth/access_token', 'hang'] })).toMatchObject({ status: 504, code: 'github_timeout' })
  })
})

describe('getCopilotSession', () => {
  it('answers 200 with the signed-in user, and 401 without a session', async () => {
    const w = worker()
    const page = setupPage(w)
    expect(await documented('get', '/copilot/session', await page.send('GET', '/copilot/session'))).toMatchObject({ status: 401, code: 'not_signed_in' })
    await page.signIn()
    expect(await documented('get', '/copilot/session', await page.send('GET', '/copilot/session'))).toMatchObject({
      status: 200,
      body: { github_login: 'octocat', github_id: FAKE_OCTOCAT.id },
    })
  })

  it('answers 403 to another origin, and 503 when not configured', async () => {
    expect(await documented('get', '/copilot/session', await worker().send('GET', '/copilot/session', { headers: { Origin: 'https://evil.example' } }))).toMatchObject({
      status: 403,
    })
    expect(await documented('get', '/copilot/session', await worker({ env: UNCONFIGURED }).send('GET', '/copilot/session'))).toMatchObject({ status: 503 })
  })
})

describe('signUpCopilotAccount', () => {
  const signUp = async (w: ReturnType<typeof worker>, body: unknown, headers: Record<string, string> = {}) =>
    documented('post', '/copilot/accounts', await w.send('POST', '/copilot/accounts', { headers: { Origin: 'https://relaykit.test', ...headers }, body }))

  it('answers 201 for a new account and 200 for its owner signing in again', async () => {
    const w = worker()
    const page = setupPage(w)
    await page.signIn()
    expect(await documented('post', '/copilot/accounts', await page.send('POST', '/copilot/accounts', { username: 'octocat' }))).toMatchObject({
      status: 201,
      body: { username: 'octocat', github_login: 'octocat', base_url: 'https://relaykit.test/octocat/v1', keys: [] },
    })
    expect(await documented('post', '/copilot/accounts', await page.send('POST', '/copilot/accounts', { username: 'octocat' }))).toMatchObject({ status: 200 })
  })

  it('answers 400, 413, 415 and 422 for what is not a sign-up', async () => {
    expect((await signUp(worker(), '{"username": ')).status).toBe(400)
    expect((await signUp(worker({ env: SMALL_BODIES }), { username: 'octocat', padding: 'x'.repeat(2_000) })).status).toBe(413)
    expect((await signUp(worker(), JSON.stringify({ username: 'octocat' }), { 'Content-Type': 'text/plain' })).status).toBe(415)
    expect(await signUp(worker(), { username: 'Not_A_Name', github_token: FAKE_OCTOCAT.githubToken })).toMatchObject({ status: 422, code: 'validation_failed' })
    expect(await signUp(worker(), { username: 'docs', github_token: FAKE_OCTOCAT.githubToken })).toMatchObject({ status: 422, code: 'invalid_username' })
  })

  it('answers 401 without a session or a token, and 403 for a GitHub user not allowed', async () => {
    expect(await signUp(worker(), { username: 'octocat' })).toMatchObject({ status: 401, code: 'not_signed_in' })
    expect(await signUp(worker(), { username: 'mallory', github_token: MALLORY.githubToken })).toMatchObject({ status: 403, code: 'github_user_not_allowed' })
  })

  it('answers 409 when another GitHub user owns the username', async () => {
    const w = worker()
    await accountWithKey(w)
    expect(await signUp(w, { username: 'octocat', github_token: HUBOT.githubToken })).toMatchObject({ status: 409, code: 'username_taken' })
  })

  it('answers 429 over the sign-in limit', async () => {
    const w = worker({ env: { RATE_LIMIT_COPILOT_SIGN_IN: '1/hour' } })
    await signUp(w, { username: 'hubot', github_token: HUBOT.githubToken })
    expect(await signUp(w, { username: 'hubot', github_token: HUBOT.githubToken })).toMatchObject({ status: 429, code: 'rate_limited' })
  })

  it('answers 502 and 504 when GitHub fails or is slow to say whose the token is', async () => {
    expect(await signUp(worker({ failure: ['/user', 'network-error'] }), { username: 'hubot', github_token: HUBOT.githubToken })).toMatchObject({
      status: 502,
      code: 'github_unreachable',
    })
    expect(await signUp(worker({ env: SLOW, failure: ['/user', 'hang'] }), { username: 'hubot', github_token: HUBOT.githubToken })).toMatchObject({
      status: 504,
      code: 'github_timeout',
    })
  })

  it('answers 403 to another origin, and 503 when not configured', async () => {
    expect((await signUp(worker(), { username: 'octocat' }, { Origin: 'https://app.example.com' })).status).toBe(403)
    expect((await signUp(worker({ env: UNCONFIGURED }), { username: 'octocat' })).status).toBe(503)
  })
})

describe('the account routes of a signed-in owner', () => {
  async function owner(options: Call = {}) {
    const w = worker(options)
    const { page, keyId } = await accountWithKey(w)
    return { w, page, keyId }
  }

  const routes = {
    getCopilotAccount: { method: 'GET', specPath: '/copilot/accounts/{username}', path: (username: string) => `/copilot/accounts/${username}` },
    getCopilotAccountUsage: { method: 'GET', specPath: '/copilot/accounts/{username}/usage', path: (username: string) => `/copilot/accounts/${username}/usage` },
    createCopilotKey: { method: 'POST', specPath: '/copilot/accounts/{username}/keys', path: (username: string) => `/copilot/accounts/${username}/keys`, body: { name: 'editor' } },
    revokeCopilotKey: {
      method: 'DELETE',
      specPath: '/copilot/accounts/{username}/keys/{key_id}',
      path: (username: string, keyId = 'none') => `/copilot/accounts/${username}/keys/${keyId}`,
    },
    deleteCopilotAccount: { method: 'DELETE', specPath: '/copilot/accounts/{username}', path: (username: string) => `/copilot/accounts/${username}` },
  }

  describe.each(Object.entries(routes))('%s', (_, route) => {
    const body = 'body' in route ? route.body : undefined

    it('answers 2xx to the owner', async () => {
      const { page, keyId } = await owner()
      const { status } = await documented(route.method, route.specPath, await page.send(route.method, route.path('octocat', keyId), body))
      expect(status).toBe(route.method === 'POST' ? 201 : 200)
    })

    it('answers 401 without a session', async () => {
      const { w, keyId } = await owner()
      expect(await documented(route.method, route.specPath, await w.send(route.method, route.path('octocat', keyId), { body }))).toMatchObject({
        status: 401,
        code: 'not_signed_in',
      })
    })

    it('answers 403 to another origin', async () => {
      const { w, page, keyId } = await owner()
      const response = await w.send(route.method, route.path('octocat', keyId), { headers: { Origin: 'https://evil.example', Cookie: page.cookie ?? '' }, body })
      expect((await documented(route.method, route.specPath, response)).status).toBe(403)
    })

    it('answers 404 for an account the user does not own', async () => {
      const { page, keyId } = await owner()
      expect(await documented(route.method, route.specPath, await page.send(route.method, route.path('nobody', keyId), body))).toMatchObject({
        status: 404,
        code: 'account_not_found',
      })
    })

    it('answers 503 when not configured', async () => {
      const w = worker({ env: UNCONFIGURED })
      expect((await documented(route.method, route.specPath, await w.send(route.method, route.path('octocat'), { body }))).status).toBe(503)
    })
  })

  it('revokeCopilotKey answers 404 for a key the account does not hold', async () => {
    const { page } = await owner()
    expect(await documented('DELETE', routes.revokeCopilotKey.specPath, await page.send('DELETE', routes.revokeCopilotKey.path('octocat', 'no-such-key')))).toMatchObject({
      status: 404,
      code: 'key_not_found',
    })
  })

  describe('createCopilotKey', () => {
    const { specPath, path } = routes.createCopilotKey
    it('answers 201 with the key, shown once and never stored', async () => {
      const { page } = await owner()
      const response = await page.send('POST', path('octocat'), { name: 'editor' })
      expect(await documented('POST', specPath, response)).toMatchObject({ status: 201, body: { name: 'editor', key: expect.stringMatching(/^acpc-[\w-]{43}$/) } })
      expect(response.headers.get('Cache-Control')).toBe('no-store')
    })

    it('answers 400, 409, 413, 415 and 422', async () => {
      const { w, page } = await owner({ env: SMALL_BODIES })
      const send = (body: unknown, headers: Record<string, string> = {}) =>
        w.send('POST', path('octocat'), { headers: { Origin: 'https://relaykit.test', Cookie: page.cookie ?? '', ...headers }, body })
      expect((await documented('POST', specPath, await send('{"name": '))).status).toBe(400)
      expect(await documented('POST', specPath, await send({ name: 'laptop' }))).toMatchObject({ status: 409, code: 'key_name_taken' })
      expect((await documented('POST', specPath, await send({ name: 'x'.repeat(2_000) }))).status).toBe(413)
      expect((await documented('POST', specPath, await send(JSON.stringify({ name: 'x' }), { 'Content-Type': 'text/plain' }))).status).toBe(415)
      expect(await documented('POST', specPath, await send({ name: '<script>' }))).toMatchObject({ status: 422, code: 'invalid_key_name' })
    })
  })

  describe('getCopilotAccountUsage', () => {
    const { specPath, path } = routes.getCopilotAccountUsage
    it.each([
      [429, 'github_rate_limited', () => new Response(JSON.stringify({ message: 'API rate limit exceeded' }), { status: 429, headers: { 'retry-after': '30' } })],
      [502, 'github_unreachable', 'network-error' as const],
      [504, 'github_timeout', 'hang' as const],
    ])('answers %i when GitHub rate limits, fails or is slow', async (status, code, failure) => {
      const { page } = await owner({ env: SLOW, failure: ['/copilot_internal/user', failure] })
      expect(await documented('GET', specPath, await page.send('GET', path('octocat')))).toMatchObject({ status, code })
    })
  })
})

describe.each([
  ['getCopilotSetupPage', '/copilot'],
  ['getCopilotChatPage', '/copilot/chat'],
])('%s', (_, path) => {
  it.each([
    [200, {}, {}],
    [403, {}, { Origin: 'https://evil.example' }],
    [503, UNCONFIGURED, {}],
  ])('answers %i', async (status, env, headers) => {
    const response = await worker({ env }).send('GET', path, { headers })
    expect((await documented('get', path, response)).status).toBe(status)
  })
})

/** Anthropic's error type, from its error shape. */
const anthropicType = (body: Record<string, unknown>) => (body.error as { type?: string } | undefined)?.type

describe.each([
  [
    'copilotMessages',
    '/{username}/v1/messages',
    '/octocat/v1/messages?beta=true',
    { model: 'claude-sonnet-4-5-20250929', max_tokens: 64, messages: [{ role: 'user', content: 'Hello.' }] },
  ],
  [
    'copilotCountTokens',
    '/{username}/v1/messages/count_tokens',
    '/octocat/v1/messages/count_tokens',
    { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello.' }] },
  ],
])("%s, in Anthropic's shape", (operationId, specPath, path, body) => {
  const counts = operationId === 'copilotCountTokens'

  async function call({ body: sent = body as unknown, headers = {} as Record<string, string>, ...options }: Call & { body?: unknown; headers?: Record<string, string> } = {}) {
    const w = worker(options)
    const { key } = await accountWithKey(w)
    const response = await w.send('POST', path, { headers: { 'x-api-key': key, ...headers }, body: sent })
    expect(response.headers.get('request-id')).toMatch(/^req_/)
    const answer = await documented('post', specPath, response)
    return { ...answer, type: anthropicType(answer.body) }
  }

  it('answers 200', async () => {
    const { status, body: answer } = await call()
    expect(status).toBe(200)
    expect(answer).toMatchObject(counts ? { input_tokens: expect.any(Number) } : { type: 'message' })
  })

  it.runIf(!counts)('answers 200 with an event stream when asked to stream', async () => {
    const { status, body: answer } = await call({ body: { ...body, stream: true } })
    expect(status).toBe(200)
    expect(answer).toMatch(/^event: message_start\n/)
  })

  it('answers 400 for a body that is not JSON', async () => {
    expect(await call({ body: '{"model": ' })).toMatchObject({ status: 400, type: 'invalid_request_error' })
  })

  it.runIf(!counts)('answers 400 for what the model cannot be sent, and for a request Copilot refuses', async () => {
    const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } }
    expect(await call({ body: { ...body, model: 'gpt-4.1', messages: [{ role: 'user', content: [pdf] }] } })).toMatchObject({ status: 400, type: 'invalid_request_error' })
    const refused = () => new Response(JSON.stringify({ error: { message: 'prompt too long', code: 'invalid_request_body' } }), { status: 400 })
    expect(await call({ failure: ['/v1/messages', refused] })).toMatchObject({ status: 400, type: 'invalid_request_error' })
  })

  it('answers 401 without a key of the account', async () => {
    const w = worker()
    await accountWithKey(w)
    const missing = await documented('post', specPath, await w.send('POST', path, { body }))
    expect(missing).toMatchObject({ status: 401 })
    expect(anthropicType(missing.body)).toBe('authentication_error')
    expect(await documented('post', specPath, await w.send('POST', path, { headers: bogusKey, body }))).toMatchObject({ status: 401 })
  })

  it('answers 403 to an origin not on the list', async () => {
    expect(await call({ headers: { Origin: 'https://evil.example' } })).toMatchObject({ status: 403, type: 'permission_error' })
  })

  it.runIf(!counts)('answers 403 for a model COPILOT_MODELS does not list, and 404 for a model the account lacks', async () => {
    expect(await call({ env: { COPILOT_MODELS: 'gpt-5-mini' } })).toMatchObject({ status: 403, type: 'permission_error' })
    expect(await call({ body: { ...body, model: 'claude-haiku-9' } })).toMatchObject({ status: 404, type: 'not_found_error' })
  })

  it('answers 413 for a body over COPILOT_MAX_BODY_BYTES', async () => {
    expect((await call({ env: SMALL_BODIES, body: { ...body, padding: 'x'.repeat(2_000) } })).status).toBe(413)
  })

  it('answers 415 for a body not sent as JSON', async () => {
    expect((await call({ headers: { 'Content-Type': 'text/plain' } })).status).toBe(415)
  })

  it('answers 422 for a broken envelope', async () => {
    expect(await call({ body: { model: 'claude-sonnet-4.5' } })).toMatchObject({ status: 422, type: 'invalid_request_error' })
  })

  it("answers 429 over the account's limit, with retry-after", async () => {
    const w = worker({ env: { RATE_LIMIT_COPILOT: '1/hour' } })
    const { key } = await accountWithKey(w)
    await w.send('POST', path, { headers: { 'x-api-key': key }, body })
    const response = await w.send('POST', path, { headers: { 'x-api-key': key }, body })
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
    const limited = await documented('post', specPath, response)
    expect(limited.status).toBe(429)
    expect(anthropicType(limited.body)).toBe('rate_limit_error')
  })

  it.runIf(!counts)('answers 502 when Copilot cannot be reached, and 504 when it is slow', async () => {
    expect(await call({ failure: ['/v1/messages', 'network-error'] })).toMatchObject({ status: 502, type: 'api_error' })
    expect((await call({ env: SLOW, failure: ['/v1/messages', 'hang'] })).status).toBe(504)
  })

  it('answers 503 naming what is missing', async () => {
    const w = worker({ env: UNCONFIGURED })
    const answer = await documented('post', specPath, await w.send('POST', path, { headers: bogusKey, body }))
    expect(answer.status).toBe(503)
    expect(anthropicType(answer.body)).toBe('api_error')
  })
})

expectEveryDocumentedStatus((await copilotRelay.contract()).tags)
