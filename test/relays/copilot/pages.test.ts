import { describe, expect, it } from 'vitest'
import { copilotWorker, HUBOT } from '../../support/copilot.js'
import { ORIGIN } from '../../support/harness.js'

// The setup and chat pages as relaykit serves them: nothing from a third party, a policy that
// lets only their own blocks run, and (ROOT_RELAY=copilot) the seed's root paths.

async function sha256Source(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`
}

describe.each(['/copilot', '/copilot/chat'])('%s', (path) => {
  it('loads nothing from anywhere else, and runs only its own script and style, by hash', async () => {
    const response = await copilotWorker().send('GET', path)
    const html = await response.text()
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)=/i)
    expect(html).not.toMatch(/@import|https?:\/\//i)
    const csp = response.headers.get('Content-Security-Policy') ?? ''
    expect(csp).not.toContain('unsafe')
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    for (const [, tag, body = ''] of html.matchAll(/<(script|style)>([\s\S]*?)<\/\1>/g)) {
      expect(csp.split('; ').find((directive) => directive.startsWith(`${tag}-src`))).toContain(await sha256Source(body))
    }
    expect(html).not.toMatch(/<(script|style)\s[^>]*>/)
    expect(html).not.toMatch(/\son[a-z]+=/i)
  })
})

describe('ROOT_RELAY=copilot', () => {
  it("serves the seed's pages at / and /chat, and its form's POST / as the sign-up", async () => {
    const worker = copilotWorker({ ROOT_RELAY: 'copilot' })
    expect(await (await worker.send('GET', '/')).text()).toContain('<title>Copilot bridge: setup</title>')
    expect(await (await worker.send('GET', '/chat')).text()).toContain('<title>Copilot bridge: chat</title>')
    const signUp = await worker.send('POST', '/', { headers: { Origin: ORIGIN }, body: { username: 'hubot', github_token: HUBOT.githubToken } })
    expect([signUp.status, ((await signUp.json()) as { username: string }).username]).toEqual([201, 'hubot'])
  })

  it('leaves / to the docs otherwise', async () => {
    const response = await copilotWorker().send('GET', '/')
    expect([response.status, response.headers.get('Location')]).toEqual([302, '/docs'])
  })
})
