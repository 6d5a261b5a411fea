import { runInDurableObject } from 'cloudflare:test'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { FAKE_COPILOT_REPLY } from '../../../src/upstreams/copilot/fake/fake-copilot.js'
import { FAKE_OCTOCAT } from '../../../src/upstreams/copilot/fake/fake-github.js'
import { FAKE_COPILOT_API_URL } from '../../../src/upstreams/copilot/fake/fake-upstreams.js'
import { accountWithKey, COPILOT_TOKEN_KEY, type CopilotWorker, copilotWorker, setupPage, USERS } from '../../support/copilot.js'
import { ORIGIN } from '../../support/harness.js'

// The security list: no caller input names an upstream host, nothing secret is logged
// over this whole file's run, and what is stored holds no GitHub token in clear.

type Fetch = (request: Request) => Promise<Response>

const logged: string[] = []
/** Every key, token and prompt the tests in this file use or are given; none may reach a log. */
const secrets = new Set<string>([COPILOT_TOKEN_KEY, ...USERS.map((user) => user.githubToken), 'fake-device-code', 'tid=fake', 'Tell me a secret.', FAKE_COPILOT_REPLY])

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => void logged.push(parts.map(String).join(' ')))
  }
})

afterAll(() => {
  vi.restoreAllMocks()
  const everything = logged.join('\n')
  expect(logged.length).toBeGreaterThan(20)
  for (const secret of secrets) expect(everything, `a log line holds ${secret.slice(0, 12)}…`).not.toContain(secret)
})

/**
 * Answers every Copilot API host relaykit may choose from the fake Copilot, and notes the host:
 * no COPILOT_API_URL is set, so relaykit decides.
 */
function anyCopilotHost() {
  const hosts: string[] = []
  const through =
    (fake: Fetch): Fetch =>
    (request) => {
      const url = new URL(request.url)
      if (!url.hostname.endsWith('githubcopilot.com') && url.origin !== FAKE_COPILOT_API_URL) return fake(request)
      hosts.push(url.origin)
      return fake(new Request(`${FAKE_COPILOT_API_URL}${url.pathname}`, request))
    }
  return { hosts, through }
}

async function keyed(worker: CopilotWorker) {
  const account = await accountWithKey(worker)
  secrets.add(account.key)
  secrets.add((account.page.cookie ?? '').split('=')[1] ?? 'no-cookie')
  return account
}

const chat = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Tell me a secret.' }] }

describe('the upstream host', () => {
  it.each([
    ['business', 'https://api.business.githubcopilot.com'],
    ['my-enterprise', 'https://api.my-enterprise.githubcopilot.com'],
    ['evil.example', 'https://api.githubcopilot.com'],
    ['evil.example/x', 'https://api.githubcopilot.com'],
    ['a@evil.example', 'https://api.githubcopilot.com'],
    ['x:8443', 'https://api.githubcopilot.com'],
    ['Business', 'https://api.githubcopilot.com'],
    ['-', 'https://api.githubcopilot.com'],
    ['..', 'https://api.githubcopilot.com'],
    ['%2e%2e', 'https://api.githubcopilot.com'],
  ])('x-copilot-account-type %j reaches %s and nothing else', async (accountType, host) => {
    const copilot = anyCopilotHost()
    const worker = copilotWorker({ COPILOT_API_URL: '' }, {}, copilot.through)
    const { bearer } = await keyed(worker)
    const response = await worker.send('POST', '/octocat/v1/chat/completions', { headers: { ...bearer, 'x-copilot-account-type': accountType }, body: chat })
    expect(response.status).toBe(200)
    expect(copilot.hosts).toEqual([host])
  })

  it.each([
    ['https://api.evil.example', 'https://api.githubcopilot.com'],
    ['https://api.githubcopilot.com.evil.example', 'https://api.githubcopilot.com'],
    ['http://api.individual.githubcopilot.com', 'https://api.githubcopilot.com'],
    ['https://user@api.individual.githubcopilot.com', 'https://api.githubcopilot.com'],
    ['https://api.individual.githubcopilot.com', 'https://api.individual.githubcopilot.com'],
  ])("the token exchange's endpoints.api %s: Copilot calls go to %s", async (endpoint, host) => {
    const copilot = anyCopilotHost()
    const worker = copilotWorker({ COPILOT_API_URL: '' }, { github: { copilotApiEndpoint: endpoint } }, copilot.through)
    const { bearer } = await keyed(worker)
    await worker.send('POST', '/octocat/v1/chat/completions', { headers: { ...bearer, 'x-copilot-account-type': 'evil.example' }, body: chat })
    await worker.send('GET', '/octocat/v1/models', { headers: bearer })
    expect(new Set(copilot.hosts)).toEqual(new Set([host]))
  })
})

describe('what is stored', () => {
  it("holds the account's GitHub token only sealed, and of its keys only hashes", async () => {
    const worker = copilotWorker()
    const { key } = await keyed(worker)
    const namespace = worker.env.COPILOT_ACCOUNTS!
    const stored = await runInDurableObject(namespace.get(namespace.idFromName('octocat')), (_, state) =>
      JSON.stringify([...state.storage.sql.exec('SELECT * FROM account').toArray(), ...state.storage.sql.exec('SELECT * FROM relaykit_key').toArray()]),
    )
    expect(stored).toContain('"sealed_token":"v1.')
    expect(stored).not.toContain(FAKE_OCTOCAT.githubToken)
    expect(stored).not.toContain(FAKE_OCTOCAT.githubToken.slice(4))
    expect(stored).not.toContain(key)
  })

  it('holds neither the device code nor the token in clear while a sign-in lasts', async () => {
    const worker = copilotWorker({}, { github: { devicePolls: ['authorization_pending', 'approved'] } })
    const page = setupPage(worker)
    const { flow_id: flowId } = (await (await page.send('POST', '/github/get-device-code')).json()) as { flow_id: string }
    const namespace = worker.env.COPILOT_SIGN_INS!
    const storedNow = () => runInDurableObject(namespace.get(namespace.idFromName(flowId)), (_, state) => JSON.stringify([...state.storage.kv.list()]))
    expect(await storedNow()).toContain('sealedDeviceCode')
    expect(await storedNow()).not.toContain('fake-device-code')
    await page.send('POST', '/github/poll-device-code', { flow_id: flowId })
    expect((await page.send('POST', '/github/poll-device-code', { flow_id: flowId })).status).toBe(200)
    const signedIn = await storedNow()
    expect(signedIn).toContain('sealedToken')
    expect(signedIn).not.toContain(FAKE_OCTOCAT.githubToken)
    expect(signedIn).not.toContain('fake-device-code')
  })
})

describe('COPILOT_TOKEN_KEY', () => {
  const NEW_KEY = 'bmV3LWNvcGlsb3QtdG9rZW4ta2V5LTMyLWJ5dGVzISE='
  secrets.add(NEW_KEY)

  it('rotates: with the new key first and the old one after, stored tokens still open; without the old one, the account must sign in again', async () => {
    const before = copilotWorker()
    const { bearer } = await keyed(before)
    const stores = { COPILOT_ACCOUNTS: before.env.COPILOT_ACCOUNTS, COPILOT_SIGN_INS: before.env.COPILOT_SIGN_INS }
    const rotating = copilotWorker({ ...stores, COPILOT_TOKEN_KEY: `${NEW_KEY},${COPILOT_TOKEN_KEY}` })
    expect((await rotating.send('POST', '/octocat/v1/chat/completions', { headers: bearer, body: chat })).status).toBe(200)
    const rotated = copilotWorker({ ...stores, COPILOT_TOKEN_KEY: NEW_KEY })
    const response = await rotated.send('POST', '/octocat/v1/chat/completions', { headers: bearer, body: chat })
    expect(response.status).toBe(401)
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'github_sign_in_expired',
      message: expect.stringContaining('Sign in again at https://relaykit.test/copilot'),
    })
  })
})

describe('a whole session, for the log', () => {
  it('signs in, signs up, makes keys, chats, streams, lists, fails and revokes: the file-wide log check covers all of it', async () => {
    const worker = copilotWorker()
    const { page, bearer, keyId } = await keyed(worker)
    for (const stream of [false, true]) await (await worker.send('POST', '/octocat/v1/chat/completions', { headers: bearer, body: { ...chat, stream } })).text()
    await (await worker.send('POST', '/octocat/v1/responses', { headers: bearer, body: { model: 'gpt-5-codex', input: 'Tell me a secret.', stream: true } })).text()
    await worker.send('POST', '/octocat/v1/embeddings', { headers: bearer, body: { model: 'text-embedding-3-small', input: 'Tell me a secret.' } })
    await worker.send('GET', '/octocat/v1/models', { headers: bearer })
    await worker.send('GET', '/octocat/v1/usage', { headers: bearer })
    await page.send('GET', '/copilot/accounts/octocat/usage')
    worker.copilot.failNext('break-mid-stream')
    await (await worker.send('POST', '/octocat/v1/chat/completions', { headers: bearer, body: { ...chat, stream: true } })).text()
    worker.copilot.failNext({ status: 500, body: 'upstream exploded holding tid=fake-and-more' })
    await worker.send('POST', '/octocat/v1/chat/completions', { headers: bearer, body: chat })
    worker.github.revokeCopilotTokens()
    await worker.send('POST', '/octocat/v1/chat/completions', { headers: bearer, body: chat })
    await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'hubot', github_token: 'ghu_madeUpButSecret0000' } })
    secrets.add('ghu_madeUpButSecret0000')
    await page.send('DELETE', `/copilot/accounts/octocat/keys/${keyId}`)
    await worker.send('GET', '/octocat/v1/models', { headers: bearer })
    await worker.settled()
    expect(logged.some((line) => line.includes('"msg":"copilot_usage"'))).toBe(true)
  })
})
