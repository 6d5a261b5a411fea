import { SignJWT } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bearer, identity, relaykit } from '../../support/harness.js'

/** The JSON of an answer: an error body or OpenAI's chat.completion. */
const json = async (
  response: Response, // biome-ignore lint/suspicious/noExplicitAny: answers of several shapes, read field by field.
) => (await response.json()) as Record<string, any>

// The gateway relay: a signed-in user's access token is verified locally against the
// issuer's keys, the entitlement is checked with Kinde's Account API, and only then is OpenAI
// called. The issuer and the Account API are a fake Kinde business that signs real RS256 tokens.

const chat = { messages: [{ role: 'user', content: 'Summarise this.' }], stream: true }
const PATH = '/gateway/openai/chat'

afterEach(() => {
  vi.useRealTimers()
})

type Worker = ReturnType<typeof relaykit>
const entitlementCalls = (worker: Worker) => worker.identity.received.filter((request) => request.url.includes('/account_api/v1/entitlements'))
const keyCalls = (worker: Worker) => worker.identity.received.filter((request) => request.url.endsWith('/.well-known/jwks.json'))

async function expectJsonRefusal(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('Content-Type')).toBe('application/json')
  const body = await json(response)
  expect(body.error).toBe(code)
  return body as { message: string }
}

describe('an entitled user', () => {
  it('streams a chat, after every page of entitlements was read', async () => {
    const worker = relaykit()
    const response = await worker.post(PATH, chat, bearer(await worker.identity.mint('alice')))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
    expect((await response.text()).trimEnd().endsWith('data: [DONE]')).toBe(true)
    expect(entitlementCalls(worker).map((request) => new URL(request.url).searchParams.get('starting_after'))).toEqual([null, 'entitlement_alice_1'])
    expect(worker.openai.received).toHaveLength(1)
  })

  it("asks Kinde with the user's own token", async () => {
    const worker = relaykit()
    const token = await worker.identity.mint('carol')
    await worker.post(PATH, chat, bearer(token))
    expect(entitlementCalls(worker)[0]!.authorization).toBe(`Bearer ${token}`)
  })

  it('answers at the OpenAI SDK path too, with the same policy', async () => {
    const worker = relaykit()
    const refused = await worker.post('/gateway/openai/v1/chat/completions', { ...chat, model: 'gpt-4-32k' }, bearer(await worker.identity.mint('alice')))
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('model_not_allowed')
    expect(worker.openai.received).toEqual([])
  })
})

describe('refused before OpenAI is called', () => {
  it.each([
    ['a number', 42],
    ['an object', { id: 'alice' }],
    ['an empty string', ''],
  ])('a validly signed token whose sub is %s: 401 invalid_token, and nobody is asked', async (_, sub) => {
    const worker = relaykit()
    const token = await worker.identity.mint('alice', { sub } as never)
    const body = await expectJsonRefusal(await worker.post(PATH, chat, bearer(token)), 401, 'invalid_token')
    expect(body.message).toContain('sub')
    expect(worker.identity.received.filter((request) => request.authorization === `Bearer ${token}`)).toEqual([])
    expect(worker.openai.received).toEqual([])
  })

  it('a user without the entitlement: 403 JSON, never an event stream', async () => {
    const worker = relaykit()
    const body = await expectJsonRefusal(await worker.post(PATH, chat, bearer(await worker.identity.mint('bob'))), 403, 'entitlement_missing')
    expect(body.message).toContain(identity.entitlement)
    expect(worker.openai.received).toEqual([])
  })

  it.each([
    ['no token', async () => ({}), 'unauthorized'],
    ['a token that is not a JWT', async () => bearer('not-a-jwt'), 'invalid_token'],
    ['an expired token', async (worker: Worker) => bearer(await worker.identity.mint('alice', {}, { expiresIn: -60 })), 'invalid_token'],
    ['a token not valid yet', async (worker: Worker) => bearer(await worker.identity.mint('alice', {}, { notBefore: 600 })), 'invalid_token'],
    ['a token for another audience', async (worker: Worker) => bearer(await worker.identity.mint('alice', {}, { audience: 'https://other-api.test' })), 'invalid_token'],
    ['a token from another issuer', async (worker: Worker) => bearer(await worker.identity.mint('alice', {}, { issuer: 'https://evil.kinde.test' })), 'invalid_token'],
    ['a token signed with a key the issuer does not publish', async (worker: Worker) => bearer(await worker.identity.mint('alice', {}, { foreignKey: true })), 'invalid_token'],
    ['a token signed with an algorithm not pinned', async (worker: Worker) => bearer(await worker.identity.mint('alice', {}, { alg: 'ES256' })), 'invalid_token'],
    [
      'an HS256 token signed with a guessable secret',
      async () =>
        bearer(
          await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('alice')
            .setIssuer(identity.issuer)
            .setAudience(identity.audience)
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('secret')),
        ),
      'invalid_token',
    ],
    [
      'an unsigned token',
      async () => bearer(`${btoa(JSON.stringify({ alg: 'none' }))}.${btoa(JSON.stringify({ sub: 'alice', iss: identity.issuer, aud: identity.audience, exp: 4102444800 }))}.`),
      'invalid_token',
    ],
  ])('%s: 401 JSON, and neither Kinde nor OpenAI is asked', async (_, headers, code) => {
    const worker = relaykit()
    const response = await worker.post(PATH, chat, await headers(worker))
    await expectJsonRefusal(response, 401, code)
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
    expect(entitlementCalls(worker)).toEqual([])
    expect(worker.openai.received).toEqual([])
  })

  it('says why a token was refused', async () => {
    const worker = relaykit()
    const expired = await expectJsonRefusal(await worker.post(PATH, chat, bearer(await worker.identity.mint('alice', {}, { expiresIn: -60 }))), 401, 'invalid_token')
    expect(expired.message).toMatch(/expired/)
    const audience = await expectJsonRefusal(await worker.post(PATH, chat, bearer(await worker.identity.mint('alice', {}, { audience: 'x' }))), 401, 'invalid_token')
    expect(audience.message).toMatch(/audience/)
  })

  it('accepts only the pinned algorithms, even for a token the issuer really signed', async () => {
    const worker = relaykit({ OIDC_ALGORITHMS: 'ES256' })
    const body = await expectJsonRefusal(await worker.post(PATH, chat, bearer(await worker.identity.mint('alice'))), 401, 'invalid_token')
    expect(body.message).toMatch(/algorithm/)
    expect(keyCalls(worker)).toEqual([])
  })

  it('has no static bypass token (such as a DEV_PRO_TOKEN)', async () => {
    const worker = relaykit({ DEV_PRO_TOKEN: 'dev-pro-token' } as never)
    await expectJsonRefusal(await worker.post(PATH, chat, bearer('dev-pro-token')), 401, 'invalid_token')
    expect(worker.openai.received).toEqual([])
  })
})

describe('the entitlement check', () => {
  it('is remembered per user for GATEWAY_ENTITLEMENT_CACHE_SECONDS, then asked again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'))
    const worker = relaykit({ GATEWAY_ENTITLEMENT_CACHE_SECONDS: '30' })
    const alice = bearer(await worker.identity.mint('carol'))
    await worker.post(PATH, chat, alice)
    await worker.post(PATH, chat, alice)
    expect(entitlementCalls(worker)).toHaveLength(1)
    await worker.post(PATH, chat, bearer(await worker.identity.mint('bob')))
    expect(entitlementCalls(worker)).toHaveLength(2)
    vi.setSystemTime(new Date('2031-01-01T00:00:31Z'))
    await worker.post(PATH, chat, bearer(await worker.identity.mint('carol')))
    expect(entitlementCalls(worker)).toHaveLength(3)
  })

  it('is asked every time when the cache is off', async () => {
    const worker = relaykit({ GATEWAY_ENTITLEMENT_CACHE_SECONDS: '0' })
    const carol = bearer(await worker.identity.mint('carol'))
    await worker.post(PATH, chat, carol)
    await worker.post(PATH, chat, carol)
    expect(entitlementCalls(worker)).toHaveLength(2)
  })

  it("fetches the issuer's keys once, not per request", async () => {
    const worker = relaykit()
    for (const user of ['alice', 'bob', 'carol']) await worker.post(PATH, chat, bearer(await worker.identity.mint(user)))
    expect(keyCalls(worker)).toHaveLength(1)
  })

  it('answers 502 when Kinde fails, and 401 when Kinde refuses the token; OpenAI is not called', async () => {
    const worker = relaykit()
    const token = bearer(await worker.identity.mint('alice'))
    await worker.post(PATH, chat, token) // keys cached, so the next failure hits the Account API
    const failing = relaykit({ GATEWAY_ENTITLEMENT_CACHE_SECONDS: '0' })
    const carol = bearer(await failing.identity.mint('carol'))
    await failing.post(PATH, chat, carol)
    failing.identity.failNext(500)
    await expectJsonRefusal(await failing.post(PATH, chat, carol), 502, 'entitlements_unavailable')
    failing.identity.failNext(401)
    await expectJsonRefusal(await failing.post(PATH, chat, carol), 401, 'invalid_token')
    expect(failing.openai.received).toHaveLength(1)
  })

  it("answers 503 when the issuer's keys cannot be fetched", async () => {
    const worker = relaykit()
    worker.identity.failNext(500)
    await expectJsonRefusal(await worker.post(PATH, chat, bearer(await worker.identity.mint('alice'))), 503, 'identity_provider_unreachable')
    expect(worker.openai.received).toEqual([])
  })

  it('limits each user, not everyone together', async () => {
    const worker = relaykit({ RATE_LIMIT_GATEWAY: '1/minute' })
    const carol = bearer(await worker.identity.mint('carol'))
    expect((await worker.post(PATH, chat, carol)).status).toBe(200)
    await expectJsonRefusal(await worker.post(PATH, chat, carol), 429, 'rate_limited')
    expect((await worker.post(PATH, chat, bearer(await worker.identity.mint('alice')))).status).toBe(200)
  })
})

describe('settings', () => {
  it('KINDE_DOMAIN fills in the issuer, its keys and the Account API', async () => {
    const worker = relaykit({ KINDE_DOMAIN: 'acme.kinde.test', OIDC_ISSUER: '', ENTITLEMENTS_API_URL: '' })
    expect((await worker.post(PATH, chat, bearer(await worker.identity.mint('alice')))).status).toBe(200)
    expect(worker.identity.received.map((request) => new URL(request.url).origin)).toEqual(Array(3).fill(identity.issuer))
  })

  it("ROOT_RELAY=gateway answers POST / with all of the gateway's checks", async () => {
    const worker = relaykit({ ROOT_RELAY: 'gateway' })
    expect((await worker.post('/', chat, bearer(await worker.identity.mint('carol')))).status).toBe(200)
    await expectJsonRefusal(await worker.post('/', chat, bearer(await worker.identity.mint('bob'))), 403, 'entitlement_missing')
    expect(worker.openai.received).toHaveLength(1)
    const misspelt = (await json(await relaykit({ ROOT_RELAY: 'gatway' }).fetch('/health'))) as { invalid_settings: string[] }
    expect(misspelt.invalid_settings).toEqual(['ROOT_RELAY: entry 1 is not a relay that answers at / (gateway, chatkit, copilot)'])
  })

  it('answers 503 naming what is missing', async () => {
    const worker = relaykit({ OIDC_ISSUER: '', OIDC_AUDIENCE: '', GATEWAY_ENTITLEMENT: '' })
    const body = await expectJsonRefusal(await worker.post(PATH, chat, bearer('x')), 503, 'relay_not_configured')
    for (const name of ['KINDE_DOMAIN or OIDC_ISSUER', 'OIDC_AUDIENCE', 'GATEWAY_ENTITLEMENT']) expect(body.message).toContain(name)
  })

  it('refuses symmetric or unknown algorithms in OIDC_ALGORITHMS', async () => {
    const worker = relaykit({ OIDC_ALGORITHMS: 'RS256,HS256' })
    const body = await expectJsonRefusal(await worker.post(PATH, chat, bearer('x')), 503, 'relay_not_configured')
    expect(body.message).toContain('OIDC_ALGORITHMS: entry 2')
  })
})
