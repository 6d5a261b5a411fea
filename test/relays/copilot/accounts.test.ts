import { env as bindings } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { relays } from '../../../src/relays.js'
import { FAKE_OCTOCAT } from '../../../src/upstreams/copilot/fake/fake-github.js'
import { accountWithKey, copilotWorker, HUBOT, MALLORY, NOSEAT, setupPage } from '../../support/copilot.js'
import { ORIGIN } from '../../support/harness.js'

// Accounts as the issue wants them, where the seed let anyone take over anyone: sign-up only by
// proving a GitHub identity, usernames that never change hands, keys relaykit makes, revocation
// that holds, sessions only from relaykit's own page, and every account write in the audit trail.

const db = bindings.AUDIT_DB!

async function auditRows(requestId: string | null) {
  const { results } = await db.prepare('SELECT * FROM audit_events WHERE request_id = ?').bind(requestId).all<Record<string, unknown>>()
  return results
}

const errorOf = async (response: Response) => (await response.json()) as { error: string; message: string; retry_after_seconds?: number }

describe('sign-up', () => {
  it('with a pasted token, checks it with GitHub before keeping anything, and starts a session', async () => {
    const worker = copilotWorker()
    const response = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'hubot', github_token: HUBOT.githubToken } })
    expect(response.status).toBe(201)
    expect(response.headers.get('Set-Cookie')).toMatch(/HttpOnly; Secure; SameSite=Strict$/)
    expect(worker.github.received.map((request) => request.path)).toEqual(['/user', '/copilot_internal/v2/token'])
  })

  it('keeps nothing for a token GitHub refuses, or whose user has no Copilot: the username stays free', async () => {
    const worker = copilotWorker()
    const refused = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'taken-later', github_token: 'ghu_madeUpToken000000' } })
    expect([refused.status, (await errorOf(refused)).error]).toEqual([401, 'github_sign_in_expired'])
    const noSeat = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'taken-later', github_token: NOSEAT.githubToken } })
    expect([noSeat.status, (await errorOf(noSeat)).error]).toEqual([403, 'copilot_no_access'])
    const later = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'taken-later', github_token: HUBOT.githubToken } })
    expect(later.status).toBe(201)
  })

  it('refuses a GitHub user COPILOT_GITHUB_USERS does not name, by device flow too, and ends that sign-in', async () => {
    const worker = copilotWorker({}, { github: { deviceFlowUser: MALLORY.login } })
    const page = setupPage(worker)
    const response = await page.signIn()
    expect([response.status, (await errorOf(response)).error]).toEqual([403, 'github_user_not_allowed'])
    expect(page.cookie).toBeUndefined()
    expect((await page.send('POST', '/copilot/accounts', { username: 'mallory' })).status).toBe(401)
  })

  it('is refused (409) for a username another GitHub user owns, which keeps its owner and token', async () => {
    const worker = copilotWorker()
    const { bearer } = await accountWithKey(worker)
    const response = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'octocat', github_token: HUBOT.githubToken } })
    expect([response.status, (await errorOf(response)).error]).toEqual([409, 'username_taken'])
    expect((await worker.send('GET', '/octocat/v1/models', { headers: bearer })).status).toBe(200)
    const exchanges = worker.github.received.filter((request) => request.path === '/copilot_internal/v2/token')
    expect(exchanges.at(-1)?.headers.authorization).toBe(`token ${FAKE_OCTOCAT.githubToken}`)
  })

  it('of two GitHub users racing for one username ends with exactly one owner', async () => {
    const worker = copilotWorker()
    const race = await Promise.all(
      [FAKE_OCTOCAT, HUBOT, FAKE_OCTOCAT, HUBOT].map((user) =>
        worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'contested', github_token: user.githubToken } }),
      ),
    )
    const statuses = race.map((response) => response.status)
    const owners = new Set(
      await Promise.all(race.filter((response) => response.status < 300).map(async (response) => ((await response.json()) as { github_login: string }).github_login)),
    )
    expect(owners.size).toBe(1)
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(2)
  })

  it("refuses every one of relaykit's own first path segments as a username", async () => {
    const worker = copilotWorker()
    const segments = new Set(
      relays.flatMap((relay) => relay.routeTable.map(([, path]) => path.split('/')[1] ?? '')).filter((segment) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(segment)),
    )
    // relaykit's own routes, and the chat page ROOT_RELAY=copilot serves at /chat.
    for (const meta of ['docs', 'health', 'chat']) segments.add(meta)
    expect(segments).toEqual(new Set(['chatgpt', 'trigger-hive', 'relay', 'gateway', 'api', 'audit', 'github', 'copilot', 'docs', 'health', 'chat']))
    for (const username of segments) {
      const response = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username, github_token: HUBOT.githubToken } })
      expect([username, response.status, (await errorOf(response)).error]).toEqual([username, 422, 'invalid_username'])
    }
  })
})

describe('the device-flow sign-in', () => {
  it('never shows GitHub the poller: it asks GitHub at most once per interval', async () => {
    const worker = copilotWorker({}, { github: { deviceIntervalSeconds: 5, devicePolls: ['authorization_pending'] } })
    const page = setupPage(worker)
    const { flow_id: flowId } = (await (await page.send('POST', '/github/get-device-code')).json()) as { flow_id: string }
    const polls = await Promise.all(Array.from({ length: 4 }, () => page.send('POST', '/github/poll-device-code', { flow_id: flowId })))
    expect(polls.map((poll) => poll.status)).toEqual([202, 202, 202, 202])
    expect(worker.github.received.filter((request) => request.path === '/login/oauth/access_token')).toHaveLength(1)
  })

  it('slows down when GitHub says so, for every later poll', async () => {
    const worker = copilotWorker({}, { github: { deviceIntervalSeconds: 0, devicePolls: ['slow_down', 'authorization_pending'] } })
    const page = setupPage(worker)
    const { flow_id: flowId } = (await (await page.send('POST', '/github/get-device-code')).json()) as { flow_id: string }
    expect(await (await page.send('POST', '/github/poll-device-code', { flow_id: flowId })).json()).toEqual({ status: 'slow_down', interval: 5 })
    expect(await (await page.send('POST', '/github/poll-device-code', { flow_id: flowId })).json()).toEqual({ status: 'pending', interval: 5 })
    expect(worker.github.received.filter((request) => request.path === '/login/oauth/access_token')).toHaveLength(1)
  })

  it('keeps the device code and the token on the server: the browser holds an id and an HttpOnly cookie', async () => {
    const worker = copilotWorker()
    const page = setupPage(worker)
    const started = await page.send('POST', '/github/get-device-code')
    const approved = await page.send('POST', '/github/poll-device-code', { flow_id: ((await started.clone().json()) as { flow_id: string }).flow_id })
    const seen = [await started.text(), await approved.text(), approved.headers.get('Set-Cookie') ?? ''].join('\n')
    expect(seen).not.toContain('fake-device-code')
    expect(seen).not.toContain(FAKE_OCTOCAT.githubToken)
  })

  it('is used once: a second approval of the same sign-in is over', async () => {
    const worker = copilotWorker()
    const page = setupPage(worker)
    const { flow_id: flowId } = (await (await page.send('POST', '/github/get-device-code')).json()) as { flow_id: string }
    expect((await page.send('POST', '/github/poll-device-code', { flow_id: flowId })).status).toBe(200)
    expect((await page.send('POST', '/github/poll-device-code', { flow_id: flowId })).status).toBe(410)
  })
})

describe('the session', () => {
  it('is honoured from relaykit’s own origin only, even for an origin ALLOWED_ORIGINS lets call the bridge', async () => {
    const worker = copilotWorker()
    const { page } = await accountWithKey(worker)
    const response = await worker.send('GET', '/copilot/accounts/octocat', { headers: { Origin: 'https://app.example.com', Cookie: page.cookie ?? '' } })
    expect(response.status).toBe(403)
  })

  it('is refused when its cookie was not signed by relaykit', async () => {
    const worker = copilotWorker()
    const { page } = await accountWithKey(worker)
    const [name, token = ''] = (page.cookie ?? '').split('=')
    const [header, payload, signature] = token.split('.')
    const otherUser = btoa(JSON.stringify({ ...JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/'))), sub: String(HUBOT.id) })).replace(/=+$/, '')
    for (const forged of [`${header}.${otherUser}.${signature}`, `${header}.${payload}.${'A'.repeat(signature?.length ?? 0)}`]) {
      const response = await worker.send('GET', '/copilot/accounts/octocat', { headers: { Origin: ORIGIN, Cookie: `${name}=${forged}` } })
      expect(response.status).toBe(401)
    }
  })

  it("reaches only its own GitHub user's accounts", async () => {
    const worker = copilotWorker()
    await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'hubot', github_token: HUBOT.githubToken } })
    const { page } = await accountWithKey(worker)
    for (const [method, path] of [
      ['GET', '/copilot/accounts/hubot'],
      ['POST', '/copilot/accounts/hubot/keys'],
      ['DELETE', '/copilot/accounts/hubot'],
    ] as const) {
      expect((await page.send(method, path, method === 'POST' ? { name: 'sneaky' } : undefined)).status).toBe(404)
    }
  })
})

describe('keys', () => {
  it('are made by relaykit, shown once, listed by name with their times, never again in clear', async () => {
    const worker = copilotWorker()
    const { page, key, bearer } = await accountWithKey(worker)
    await worker.send('GET', '/octocat/v1/models', { headers: bearer })
    const account = (await (await page.send('GET', '/copilot/accounts/octocat')).json()) as { keys: { name: string; last_used_at: string | null }[] }
    expect(account.keys).toEqual([{ id: expect.any(String), name: 'laptop', created_at: expect.any(String), last_used_at: expect.any(String) }])
    expect(JSON.stringify(account)).not.toContain(key)
  })

  it('a revoked key is refused at once, with a message saying what to do; the other keys still work', async () => {
    const worker = copilotWorker()
    const { page, key, keyId, bearer } = await accountWithKey(worker)
    const other = (await (await page.send('POST', '/copilot/accounts/octocat/keys', { name: 'editor' })).json()) as { key: string }
    expect((await worker.send('GET', '/octocat/v1/models', { headers: bearer })).status).toBe(200)
    expect((await page.send('DELETE', `/copilot/accounts/octocat/keys/${keyId}`)).status).toBe(200)
    const refused = await worker.send('GET', '/octocat/v1/models', { headers: { Authorization: `Bearer ${key}` } })
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'This key does not open the account "octocat": it was revoked, mistyped, or made for another account. Make a new key at https://relaykit.test/copilot.',
    )
    expect((await worker.send('GET', '/octocat/v1/models', { headers: { Authorization: `Bearer ${other.key}` } })).status).toBe(200)
  })

  it('of a deleted account are refused, and its username is free again', async () => {
    const worker = copilotWorker()
    const { page, bearer } = await accountWithKey(worker)
    expect((await page.send('DELETE', '/copilot/accounts/octocat')).status).toBe(200)
    expect((await worker.send('GET', '/octocat/v1/models', { headers: bearer })).status).toBe(401)
    const taken = await worker.send('POST', '/copilot/accounts', { headers: { Origin: ORIGIN }, body: { username: 'octocat', github_token: HUBOT.githubToken } })
    expect(taken.status).toBe(201)
  })
})

describe('the audit trail', () => {
  it('records sign-up, key creation, key revocation and account deletion: who, which account, how it ended; never a key or token', async () => {
    const worker = copilotWorker()
    const page = setupPage(worker)
    await page.signIn()
    const signUp = await page.send('POST', '/copilot/accounts', { username: 'octocat' })
    const created = await page.send('POST', '/copilot/accounts/octocat/keys', { name: 'laptop' })
    const { id, key } = (await created.clone().json()) as { id: string; key: string }
    const taken = await page.send('POST', '/copilot/accounts/octocat/keys', { name: 'laptop' })
    const revoked = await page.send('DELETE', `/copilot/accounts/octocat/keys/${id}`)
    const deleted = await page.send('DELETE', '/copilot/accounts/octocat')
    await worker.settled()
    const rows = []
    for (const response of [signUp, created, taken, revoked, deleted]) rows.push(...(await auditRows(response.headers.get('X-Request-Id'))))
    expect(rows.map(({ operation, account, caller, outcome, status, error }) => ({ operation, account, caller, outcome, status, error }))).toEqual([
      { operation: 'signUpCopilotAccount', account: 'octocat', caller: `github:${FAKE_OCTOCAT.id}`, outcome: 'done', status: 201, error: null },
      { operation: 'createCopilotKey', account: 'octocat', caller: `github:${FAKE_OCTOCAT.id}`, outcome: 'done', status: 201, error: null },
      { operation: 'createCopilotKey', account: 'octocat', caller: `github:${FAKE_OCTOCAT.id}`, outcome: 'refused', status: 409, error: 'key_name_taken' },
      { operation: 'revokeCopilotKey', account: 'octocat', caller: `github:${FAKE_OCTOCAT.id}`, outcome: 'done', status: 200, error: null },
      { operation: 'deleteCopilotAccount', account: 'octocat', caller: `github:${FAKE_OCTOCAT.id}`, outcome: 'done', status: 200, error: null },
    ])
    const everything = JSON.stringify(rows)
    for (const secret of [key, FAKE_OCTOCAT.githubToken, page.cookie ?? 'none']) expect(everything).not.toContain(secret)
  })
})
