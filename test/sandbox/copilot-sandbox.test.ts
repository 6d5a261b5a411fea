import { SELF } from 'cloudflare:test'
import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { SANDBOX_COPILOT_REPLY } from '../../src/sandbox/defaults.js'

// The Copilot bridge as `npm start` runs it (the sandbox's entry, nothing set): the fake GitHub
// and Copilot, and the account octocat with its public key, so the README's example works as is.

const BASE = 'http://localhost:8787'

const client = () => new OpenAI({ baseURL: `${BASE}/octocat/v1`, apiKey: 'sandbox-copilot-key', fetch: (url, init) => SELF.fetch(new Request(url, init)), maxRetries: 0 })

describe('the Copilot bridge in the sandbox', () => {
  it('is ready in /health on the sandbox defaults', async () => {
    const health = (await (await SELF.fetch(`${BASE}/health`)).json()) as { relays: Record<string, unknown> }
    expect(health.relays.copilot).toMatchObject({ ready: true, missing: [], invalid: [] })
  })

  it("answers the README's example: the OpenAI SDK with octocat's public key", async () => {
    const openai = client()
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello' }] })
    expect(completion.choices[0]?.message.content).toBe(SANDBOX_COPILOT_REPLY)
    const models = await openai.models.list()
    expect(models.data.map((model) => model.id)).toContain('claude-sonnet-4.5')
  })

  it('fills the key into /docs, so Test Request works on the bridge', async () => {
    const page = await (await SELF.fetch(`${BASE}/docs`)).text()
    expect(page).toMatch(/"copilotKey":\s*\{\s*"token":\s*"sandbox-copilot-key"/)
    expect(page).toMatch(/"copilotApiKey":\s*\{\s*"value":\s*"sandbox-copilot-key"/)
  })

  it("makes octocat's account and public key again once they are deleted (say from /docs), so the examples keep working", async () => {
    const openai = client()
    await openai.models.list()
    const post = (path: string, body: unknown) =>
      SELF.fetch(`${BASE}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify(body) })
    const { flow_id: flowId } = (await (await post('/github/get-device-code', {})).json()) as { flow_id: string }
    // The sandbox's GitHub approves on the second ask, one interval after the first.
    let polled = await post('/github/poll-device-code', { flow_id: flowId })
    for (let attempt = 0; attempt < 3 && polled.status === 202; attempt++) {
      const { interval } = (await polled.json()) as { interval: number }
      await new Promise((resolve) => setTimeout(resolve, interval * 1000))
      polled = await post('/github/poll-device-code', { flow_id: flowId })
    }
    expect(polled.status).toBe(200)
    const session = polled.headers.get('Set-Cookie')?.split(';')[0] ?? ''
    const deleted = await SELF.fetch(`${BASE}/copilot/accounts/octocat`, { method: 'DELETE', headers: { Origin: BASE, Cookie: session } })
    expect(deleted.status).toBe(200)
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello' }] })
    expect(completion.choices[0]?.message.content).toBe(SANDBOX_COPILOT_REPLY)
  }, 20_000)

  it('serves the setup and chat pages', async () => {
    for (const path of ['/copilot', '/copilot/chat']) {
      const response = await SELF.fetch(`${BASE}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Security-Policy')).toMatch(/^default-src 'none'; script-src 'sha256-/)
    }
  })
})
