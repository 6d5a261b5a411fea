import { afterEach, describe, expect, it, vi } from 'vitest'
import { baseEnv, bearer, relaykit, secrets } from '../support/harness.js'

afterEach(() => vi.restoreAllMocks())

const list = { owner: 'octo-org', repo: 'hello-world' }

describe('request ids', () => {
  it('puts a fresh req_ id on every answer and in error bodies, ignoring one sent by the caller', async () => {
    const worker = relaykit()
    const answers = [
      await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN)),
      await worker.post('/chatgpt/prs/list', list, { 'X-Request-Id': 'req_forged' }),
      await worker.fetch('/no-such-route'),
    ]
    const ids = answers.map((response) => response.headers.get('X-Request-Id'))
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/)
    expect(new Set(ids).size).toBe(3)
    expect(((await answers[1]!.json()) as { request_id: string }).request_id).toBe(ids[1])
  })
})

describe('request log', () => {
  it('writes one JSON line per request and never a secret, a body or a query', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line))
    const worker = relaykit()
    const privateText = 'PRIVATE-COMMENT-TEXT-4711'
    await worker.post('/chatgpt/prs/comment', { ...list, pr_number: 12, body: privateText }, bearer(secrets.ACTIONS_TOKEN))
    await worker.post(
      '/chatgpt/dispatch',
      { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: { secret: privateText } },
      bearer(secrets.ACTIONS_TOKEN),
    )
    await worker.post('/chatgpt/prs/list', list, bearer(`${secrets.ACTIONS_TOKEN}-wrong`))
    await worker.post('/trigger-hive', { action: 'execute' }, bearer(secrets.RELAY_SECRET))
    worker.github.failNext('network-error')
    await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN))
    await worker.fetch(`/health?token=${privateText}`)

    expect(lines).toHaveLength(6)
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries.map((entry) => [entry.route, entry.status, entry.outcome])).toEqual([
      ['/chatgpt/prs/comment', 200, 'ok'],
      ['/chatgpt/dispatch', 202, 'ok'],
      ['/chatgpt/prs/list', 401, 'unauthorized'],
      ['/trigger-hive', 202, 'ok'],
      ['/chatgpt/prs/list', 502, 'github_unreachable'],
      ['/health', 200, 'ok'],
    ])
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['duration_ms', 'level', 'method', 'msg', 'outcome', 'relay', 'request_id', 'route', 'status'])
    const everything = lines.join('\n')
    for (const secret of [...Object.values(secrets), privateText, 'hello-world']) expect(everything).not.toContain(secret)
  })
})

describe('security headers', () => {
  it('are on every answer', async () => {
    const response = await relaykit().fetch('/health')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
    expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=/)
  })
})

describe('CORS and origins', () => {
  it('answers a preflight from an allowed origin without credentials', async () => {
    const response = await relaykit().fetch('/chatgpt/prs/list', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com')
    expect(response.headers.get('Access-Control-Allow-Headers')).toMatch(/Authorization/i)
    expect(response.headers.get('Access-Control-Allow-Headers')).toMatch(/Idempotency-Key/i)
  })

  it('refuses a preflight and a real request from an origin not on the list, on the server', async () => {
    const worker = relaykit()
    const preflight = await worker.fetch('/chatgpt/prs/list', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com.evil.test', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    const request = await worker.post('/chatgpt/prs/list', list, { ...bearer(secrets.ACTIONS_TOKEN), Origin: 'https://evil.test' })
    expect(request.status).toBe(403)
    expect(await request.json()).toMatchObject({ error: 'origin_not_allowed' })
    expect(worker.github.received).toEqual([])
  })

  it("serves an allowed origin and the Worker's own origin with CORS headers", async () => {
    const worker = relaykit()
    for (const origin of ['https://app.example.com', 'https://relaykit.test']) {
      const response = await worker.post('/chatgpt/prs/list', list, { ...bearer(secrets.ACTIONS_TOKEN), Origin: origin })
      expect(response.status).toBe(200)
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin)
      const exposed = response.headers.get('Access-Control-Expose-Headers')?.split(/,\s*/)
      expect(exposed).toEqual(expect.arrayContaining(['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Idempotent-Replayed']))
    }
  })

  it('does not match origins loosely', async () => {
    const worker = relaykit()
    for (const origin of ['https://app.example.com/', 'http://app.example.com', 'https://APP.example.com', 'null']) {
      expect((await worker.post('/chatgpt/prs/list', list, { ...bearer(secrets.ACTIONS_TOKEN), Origin: origin })).status).toBe(403)
    }
  })
})

describe('errors', () => {
  it('answers an unknown route with the error shape', async () => {
    const response = await relaykit().fetch('/nowhere')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: 'not_found', request_id: expect.stringMatching(/^req_/) })
  })

  it('has no merge, close or delete route, even for a valid token', async () => {
    const worker = relaykit()
    for (const path of ['/chatgpt/prs/merge', '/chatgpt/prs/close', '/chatgpt/repos/delete', '/chatgpt/contents/write']) {
      expect((await worker.post(path, { ...list, pr_number: 12 }, bearer(secrets.ACTIONS_TOKEN))).status).toBe(404)
    }
    expect(worker.github.received).toEqual([])
  })
})

describe('configuration', () => {
  it("names a missing secret in /health and in the relay's 503", async () => {
    const worker = relaykit({ ACTIONS_TOKEN: undefined, CHATGPT_BEARER_TOKEN: undefined })
    const health = (await (await worker.fetch('/health')).json()) as { status: string; relays: Record<string, { ready: boolean; missing: string[] }> }
    expect(health.status).toBe('degraded')
    expect(health.relays.github).toMatchObject({ ready: false, missing: ['ACTIONS_TOKEN or CHATGPT_BEARER_TOKEN'] })
    expect(health.relays.operator!.ready).toBe(true)
    const response = await worker.post('/chatgpt/prs/list', list, bearer('anything'))
    expect(response.status).toBe(503)
    expect(JSON.stringify(await response.json())).toContain('ACTIONS_TOKEN')
  })

  it('refuses caller secrets shorter than 32 characters', async () => {
    const worker = relaykit({ ACTIONS_TOKEN: 'short', CHATGPT_BEARER_TOKEN: undefined, RELAY_SECRET: 'also-short' })
    const health = (await (await worker.fetch('/health')).json()) as { relays: Record<string, { ready: boolean; invalid: string[] }> }
    expect(health.relays.github).toMatchObject({ ready: false, invalid: [expect.stringContaining('ACTIONS_TOKEN: must be at least 32')] })
    expect(health.relays.operator).toMatchObject({ ready: false, invalid: [expect.stringContaining('RELAY_SECRET: must be at least 32')] })
    expect((await worker.post('/chatgpt/prs/list', list, bearer('short'))).status).toBe(503)
  })

  it('reports a misspelt relay name in RELAYS', async () => {
    const health = (await (await relaykit({ RELAYS: 'githb' }).fetch('/health')).json()) as { status: string; invalid_settings: string[] }
    expect(health.status).toBe('degraded')
    expect(health.invalid_settings).toEqual([expect.stringContaining('RELAYS: entry 1 is not a relay')])
  })

  it('reports malformed settings by name, and /health holds no secret', async () => {
    const worker = relaykit({ ALLOWED_REPOS: 'octo-org/hello-world,not a repo', GITHUB_TIMEOUT_MS: 'soon' })
    const health = JSON.stringify(await (await worker.fetch('/health')).json())
    expect(health).toContain('ALLOWED_REPOS: entry 2 is not')
    expect(health).not.toContain('octo-org/hello-world')
    expect(health).toContain('GITHUB_TIMEOUT_MS')
    for (const secret of Object.values(secrets)) expect(health).not.toContain(secret)
  })

  it('reports malformed shared settings and keeps their safe defaults', async () => {
    const worker = relaykit({ ALLOWED_ORIGINS: 'https://ok.example.com,https://bad.example.com/path', MAX_BODY_BYTES: 'lots' })
    const health = (await (await worker.fetch('/health')).json()) as { status: string; invalid_settings: string[] }
    expect(health.status).toBe('degraded')
    expect(health.invalid_settings.join('\n')).toMatch(/ALLOWED_ORIGINS[\s\S]*MAX_BODY_BYTES/)
    const allowed = await worker.post('/chatgpt/prs/list', list, { ...bearer(secrets.ACTIONS_TOKEN), Origin: 'https://ok.example.com' })
    expect(allowed.status).toBe(200)
  })

  it('turns relays off with RELAYS', async () => {
    const worker = relaykit({ RELAYS: 'github' })
    const health = (await (await worker.fetch('/health')).json()) as { status: string; relays: Record<string, { enabled: boolean }> }
    expect([health.status, health.relays.operator!.enabled]).toEqual(['ok', false])
    const response = await worker.post('/trigger-hive', { action: 'execute' }, bearer(secrets.RELAY_SECRET))
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: 'relay_disabled' })
  })

  it('refuses the sandbox when a real GitHub token is configured', async () => {
    const worker = relaykit({}, { sandbox: true })
    expect(baseEnv.GITHUB_TOKEN).toBeTruthy()
    const health = (await (await worker.fetch('/health')).json()) as { relays: Record<string, { ready: boolean; invalid: string[] }> }
    expect(health.relays.github!.ready).toBe(false)
    expect(health.relays.github!.invalid.join()).toContain('the sandbox cannot run while GITHUB_TOKEN or OPENAI_API_KEY is set')
    const response = await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN))
    expect(response.status).toBe(503)
    expect(worker.github.received).toEqual([])
  })

  it('refuses the sandbox when a real OpenAI key is configured, even without a GitHub token', async () => {
    const worker = relaykit({ GITHUB_TOKEN: '' }, { sandbox: true })
    const health = (await (await worker.fetch('/health')).json()) as { sandbox: boolean; relays: Record<string, { ready: boolean; invalid: string[] }> }
    expect(health.sandbox).toBe(false)
    for (const relay of ['openai', 'gateway']) expect(health.relays[relay]!.invalid.join()).toContain('the sandbox cannot run')
    expect((await worker.post('/relay/openai/chat', { messages: [{ role: 'user', content: 'hi' }] }, bearer(secrets.OPENAI_RELAY_SECRET))).status).toBe(503)
    expect((await worker.post('/sandbox/token', { user: 'alice' })).status).toBe(404)
    expect(worker.openai.received).toEqual([])
  })

  it('labels nothing as the sandbox, and hands out no sandbox token, when the sandbox is refused', async () => {
    const worker = relaykit({}, { sandbox: true })
    expect(await (await worker.fetch('/health')).json()).toMatchObject({ sandbox: false, status: 'degraded' })
    const spec = (await (await worker.fetch('/cf-openapi.json')).json()) as { info: { title: string; description: string } }
    expect(spec.info.title).not.toContain('sandbox')
    expect(spec.info.description).not.toContain('Sandbox')
    const docs = await worker.fetch('/docs')
    expect(docs.headers.get('Content-Type')).toMatch(/^text\/html/)
    // The page as the deployed Worker serves it, rendered at build time (scripts/docs-assets.ts).
    const page = await docs.text()
    expect(page).toContain('<title>relaykit API</title>')
    expect(page).toContain('<script src="/docs/scalar.js"')
    expect(page).not.toContain('sandbox-actions-token')
    expect(page).not.toContain('(sandbox)')
  })
})
