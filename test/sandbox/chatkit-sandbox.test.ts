import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { cookieOf, chatkitWorker } from '../support/chatkit.js'

// The chatkit relay as `npm start` runs it (the real Worker entry, SANDBOX=true and nothing
// else): the embedded fake ChatKit, the example page, and the sandbox's signed-in users.

const BASE = 'http://localhost:8787'

const post = (path: string, headers: Record<string, string> = {}, body?: unknown) =>
  SELF.fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  })

const secretOf = async (response: Response) => ((await response.json()) as { client_secret: string }).client_secret

describe('the chatkit relay in the sandbox', () => {
  it('is ready in /health on the sandbox defaults', async () => {
    const health = (await (await SELF.fetch(`${BASE}/health`)).json()) as { relays: Record<string, unknown> }
    expect(health.relays.chatkit).toMatchObject({
      ready: true,
      rate_limits: [
        { setting: 'RATE_LIMIT_CHATKIT_IP', key: 'ip', rule: '1/second burst 10' },
        { setting: 'RATE_LIMIT_CHATKIT_USER', key: 'caller', rule: '20/minute' },
      ],
    })
  })

  it('starts and refreshes a visitor session against the embedded fake ChatKit; over http the cookie is not Secure', async () => {
    const started = await post('/api/chatkit/start', {}, { workflow: 'support' })
    expect(started.status).toBe(200)
    expect(started.headers.get('Set-Cookie')).toMatch(/^relaykit_visitor=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/)
    const cookie = cookieOf(started)!
    const refreshed = await post('/api/chatkit/refresh', { Cookie: cookie }, { currentClientSecret: await secretOf(started) })
    expect(refreshed.status).toBe(200)
    expect(await secretOf(refreshed)).toMatch(/^ek_/)
  })

  it("starts a signed-in sandbox user's session with a token from /sandbox/token", async () => {
    const signIn = await post('/sandbox/token', {}, { user: 'bob' })
    const { access_token } = (await signIn.json()) as { access_token: string }
    const started = await post('/api/chatkit/start', { Authorization: `Bearer ${access_token}` })
    expect(started.status).toBe(200)
    expect(started.headers.get('Set-Cookie')).toBeNull()
  })

  it("serves examples/chatkit.html, whose component script comes from OpenAI's CDN; a deployment does not", async () => {
    const page = await SELF.fetch(`${BASE}/examples/chatkit.html`)
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('<script src="https://cdn.platform.openai.com/deployments/chatkit/chatkit.js" async></script>')
    expect(html).toContain('<openai-chatkit id="chat">')
    expect(html).toMatch(/post\('\/api\/chatkit\/refresh', \{ currentClientSecret \}\)/)
    expect((await chatkitWorker().fetch('/examples/chatkit.html')).status).toBe(404)
  })
})
