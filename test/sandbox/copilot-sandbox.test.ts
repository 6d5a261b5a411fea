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

  it('serves the setup and chat pages', async () => {
    for (const path of ['/copilot', '/copilot/chat']) {
      const response = await SELF.fetch(`${BASE}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Security-Policy')).toMatch(/^default-src 'none'; script-src 'sha256-/)
    }
  })
})
