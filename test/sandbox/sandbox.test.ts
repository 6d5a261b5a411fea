import { SELF } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { createRelaykitClient } from '../../generated/client.js'
import { SANDBOX_REPLY } from '../../src/upstreams/openai/fake/fake-openai.js'

// The sandbox's entry as `npm start` runs it, with nothing set.

const SANDBOX_ACTIONS_TOKEN = 'sandbox-actions-token'
const SANDBOX_AUDIT_TOKEN = 'sandbox-audit-token'
const SANDBOX_OPENAI_RELAY_SECRET = 'sandbox-openai-relay-secret'
const SANDBOX_RELAY_SECRET = 'sandbox-relay-secret'

const client = (token: string) => createRelaykitClient({ baseUrl: 'http://localhost:8787', token, fetch: (request: Request) => SELF.fetch(request) })

describe('the sandbox from npm start', () => {
  it('says so in /health, with every relay ready on embedded defaults', async () => {
    const health = await (await SELF.fetch('http://localhost:8787/health')).json()
    expect(health).toMatchObject({
      status: 'ok',
      sandbox: true,
      relays: {
        github: { ready: true, rate_limits: [{ rule: '1/second burst 10', key: 'caller' }] },
        operator: { ready: true, rate_limits: [{ rule: '10/minute', key: 'ip' }] },
        openai: { ready: true, rate_limits: [{ rule: '10/minute', key: 'ip' }] },
        gateway: { ready: true, rate_limits: [{ rule: '20/minute burst 5', key: 'caller' }] },
        audit: { ready: true },
      },
    })
  })

  it('answers every GitHub operation from the embedded fake', async () => {
    const api = client(SANDBOX_ACTIONS_TOKEN)
    const list = await api.POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world' } })
    expect(list.data!.pull_requests.length).toBeGreaterThan(0)
    const comment = await api.POST('/chatgpt/prs/comment', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 17, body: 'From the sandbox' } })
    expect(comment.response.status).toBe(200)
    const labels = await api.POST('/chatgpt/prs/label', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 17, labels: ['sandbox'] } })
    expect(labels.data!.labels).toContain('sandbox')
    const dispatch = await api.POST('/chatgpt/dispatch', { body: { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview' } })
    expect(dispatch.response.status).toBe(202)
    const run = await api.POST('/chatgpt/workflows/dispatch', {
      body: { owner: 'octo-org', repo: 'hivemind', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } },
    })
    expect(run.data!.run_url).toMatch(/actions\/runs\/\d+$/)
    const hive = await client(SANDBOX_RELAY_SECRET).POST('/trigger-hive', { body: { action: 'execute', dry_run: true } })
    expect(hive.data!.repository).toBe('octo-org/hivemind')
  })

  it('still enforces auth and allowlists', async () => {
    const wrongToken = await client('guess').POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world' } })
    expect(wrongToken.response.status).toBe(401)
    const otherOwner = await client(SANDBOX_ACTIONS_TOKEN).POST('/chatgpt/prs/list', { body: { owner: 'octocat', repo: 'hello-world' } })
    expect(otherOwner.response.status).toBe(403)
  })

  it('streams a chat through the OpenAI relay from the embedded fake OpenAI', async () => {
    const chat = await client(SANDBOX_OPENAI_RELAY_SECRET).POST('/relay/openai/chat', { body: { messages: [{ role: 'user', content: 'Hello' }], stream: true }, parseAs: 'text' })
    expect(chat.response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
    const words = [...(chat.data as unknown as string).matchAll(/"content":"([^"]*)"/g)].map(([, word]) => word).join('')
    expect(words).toBe(SANDBOX_REPLY)
  })

  it('signs in sandbox users at the fake issuer; the gateway serves alice and refuses bob', async () => {
    const signIn = async (user: string) => {
      const response = await SELF.fetch('http://localhost:8787/sandbox/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) })
      return ((await response.json()) as { access_token: string }).access_token
    }
    const ask = async (user: string) =>
      (await client(await signIn(user)).POST('/gateway/openai/chat', { body: { messages: [{ role: 'user', content: 'Hello' }] } })).response.status
    expect([await ask('alice'), await ask('bob')]).toEqual([200, 403])
    const stranger = await SELF.fetch('http://localhost:8787/sandbox/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'mallory' }),
    })
    expect(stranger.status).toBe(422)
  })

  it('labels the served spec and the docs page as the sandbox', async () => {
    const spec = (await (await SELF.fetch('http://localhost:8787/openapi.json')).json()) as { info: { title: string }; servers: { url: string }[] }
    expect(spec.info.title).toBe('relaykit (sandbox)')
    expect(spec.servers).toEqual([{ url: 'http://localhost:8787' }])
    const page = await (await SELF.fetch('http://localhost:8787/docs')).text()
    expect(page).toContain('<title>relaykit API (sandbox)</title>')
    expect(page).toContain('sandbox-actions-token')
    expect(page).toContain('sandbox-openai-relay-secret')
    // The entitled sandbox user's access token, for the gateway.
    expect(page).toMatch(/"accessToken": \{\s*"token": "eyJ[\w-]+\.[\w-]+\.[\w-]+"/)
  })

  // That wrangler really serves the script, and the page renders offline, is test/browser's job.
  it('points the docs page at Scalar served by the Worker itself, not a CDN', async () => {
    const page = await (await SELF.fetch('http://localhost:8787/docs')).text()
    expect(page).toContain('<script src="/docs/scalar.js"')
    expect(page).not.toMatch(/https?:\/\/(?!localhost)[^"']*\.js/)
  })

  it('sends / to the docs', async () => {
    const response = await SELF.fetch('http://localhost:8787/', { redirect: 'manual' })
    expect([response.status, response.headers.get('Location')]).toEqual([302, '/docs'])
  })

  it('has the durable state on: a 429, a replay and the audit trail, with the public sandbox tokens', async () => {
    // An address of its own, so the operator relay's bucket of 10 a minute starts full.
    const address = `192.0.2.${Math.floor(Math.random() * 250) + 1}`
    const withAddress = (request: Request) => {
      request.headers.set('CF-Connecting-IP', address)
      return SELF.fetch(request)
    }
    const operator = createRelaykitClient({ baseUrl: 'http://localhost:8787', token: SANDBOX_RELAY_SECRET, fetch: withAddress })
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await operator.POST('/trigger-hive', { body: { action: 'execute', dry_run: true } })).response.status)
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429])

    const actions = client(SANDBOX_ACTIONS_TOKEN)
    const request = { owner: 'octo-org', repo: 'hello-world', pr_number: 18, body: 'Said once', idempotency_key: crypto.randomUUID() }
    const first = await actions.POST('/chatgpt/prs/comment', { body: request })
    const again = await actions.POST('/chatgpt/prs/comment', { body: request })
    expect(again.data).toEqual({ ...first.data, original_request_id: first.response.headers.get('X-Request-Id'), replayed: true })

    // The audit record is written after the answer has gone, so it may take a moment to appear.
    const latestComments = async () => (await client(SANDBOX_AUDIT_TOKEN).GET('/audit', { params: { query: { operation: 'commentOnPullRequest', limit: 2 } } })).data!.events
    await vi.waitUntil(async () => (await latestComments())[0]?.replayed === true)
    expect((await latestComments()).map((event) => [event.pull_number, event.outcome, event.replayed])).toEqual([
      [18, 'done', true],
      [18, 'done', false],
    ])
  })
})
