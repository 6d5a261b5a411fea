/// <reference types="node" />
// examples/chatkit.html in a real browser (Debian's chromium via playwright-core), against the real
// Worker under `wrangler dev` in sandbox mode (started by ./wrangler-dev.ts). ChatKit's own script
// comes from OpenAI's CDN and cannot load offline, so the CDN request is blocked and a stand-in
// <openai-chatkit> element plays the component's part: it takes the options the page sets, and
// calls their getClientSecret as ChatKit does (first with nothing, then with the secret it holds).
// What is tested is the token flow the page drives, not ChatKit's UI.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { isLoopback, launchChromium, screenshotDir, UI_TIMEOUT_MS } from './chromium.js'

const baseUrl = inject('relaykitBaseUrl')
const CHATKIT_SCRIPT = 'https://cdn.platform.openai.com/deployments/chatkit/chatkit.js'

/** The stand-in component: once it is defined, the page's whenDefined() hands it its options. */
const STAND_IN = "customElements.define('openai-chatkit', class extends HTMLElement { setOptions(options) { this.options = options } })"

/** What the page gives the component, as the stand-in keeps it. */
type Chat = { options?: { api: { getClientSecret(current: string | null): Promise<string> } } }

let browser: Browser | undefined
let page: Page
const pageErrors: Error[] = []
const blocked: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' })
  // Nothing leaves the machine: the CDN script and anything else off loopback is aborted.
  await context.route('**/*', (route) => {
    if (isLoopback(route.request().url())) return route.continue()
    blocked.push(route.request().url())
    return route.abort('blockedbyclient')
  })
  page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error))
  const response = await page.goto(`${baseUrl}/examples/chatkit.html`, { waitUntil: 'load' })
  expect(response?.status(), 'GET /examples/chatkit.html').toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

const status = () => page.locator('#status')

/** Calls getClientSecret the way ChatKit does, from the options the page gave the component. */
function chatkitAsks(currentClientSecret: string | null): Promise<string> {
  return page.locator('#chat').evaluate((chat: Chat, current) => chat.options!.api.getClientSecret(current), currentClientSecret)
}

/** The Worker's answers to the page's requests to `path`, while `act` runs. */
async function answersDuring(path: string, act: () => Promise<unknown>): Promise<Response[]> {
  const answers: Response[] = []
  const record = (response: Response) => {
    if (response.url() === `${baseUrl}${path}`) answers.push(response)
  }
  page.on('response', record)
  try {
    await act()
  } finally {
    page.off('response', record)
  }
  return answers
}

describe('examples/chatkit.html in chromium', () => {
  let first: string
  let second: string

  test("points its ChatKit script at OpenAI's CDN, and says so when that script cannot load", async () => {
    expect(await page.locator('script[src]').getAttribute('src')).toBe(CHATKIT_SCRIPT)
    expect(blocked).toContain(CHATKIT_SCRIPT)
    await expect.poll(() => status().getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('error')
    expect(await status().textContent()).toMatch(/did not load from OpenAI's CDN/)
  })

  test('hands getClientSecret to the component, which starts a session: a secret, and an HttpOnly visitor cookie', async () => {
    await page.addScriptTag({ content: STAND_IN })
    await expect.poll(() => page.locator('#chat').evaluate((chat: Chat) => chat.options !== undefined), { timeout: UI_TIMEOUT_MS }).toBe(true)

    const [start] = await answersDuring('/api/chatkit/start', async () => {
      first = await chatkitAsks(null)
    })
    expect(first).toMatch(/^ek_/)
    expect(start?.status()).toBe(200)
    expect(await start!.headerValue('cache-control')).toBe('no-store')
    expect(await start!.headerValue('set-cookie')).toMatch(/^relaykit_visitor=.+; HttpOnly; SameSite=Lax$/)
    // HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate('document.cookie')).not.toContain('relaykit_visitor')
    await expect.poll(() => status().getAttribute('data-state')).toBe('started')
    expect(await status().textContent()).toMatch(/^Session started; it lasts until /)
    expect(await status().textContent()).not.toContain(first)
  })

  test('when the component asks again with its secret, the page refreshes it: a new secret for the same visitor', async () => {
    const [refresh] = await answersDuring('/api/chatkit/refresh', async () => {
      second = await chatkitAsks(first)
    })
    expect(second).toMatch(/^ek_/)
    expect(second).not.toBe(first)
    expect(refresh?.status()).toBe(200)
    expect(JSON.parse(refresh!.request().postData() ?? '{}')).toEqual({ currentClientSecret: first })
    expect(await refresh!.request().headerValue('cookie')).toMatch(/^relaykit_visitor=/)
    await expect.poll(() => status().getAttribute('data-state')).toBe('refreshed')
    expect(await status().textContent()).toMatch(/^Session refreshed \(the previous one is cancelled\)/)
    await mkdir(screenshotDir, { recursive: true })
    await page.screenshot({ path: resolve(screenshotDir, 'chatkit.png'), animations: 'disabled' })
  })

  test('a secret that can no longer be refreshed makes the page start a new session', async () => {
    const refreshes = await answersDuring('/api/chatkit/refresh', async () => {
      const starts = await answersDuring('/api/chatkit/start', async () => {
        expect(await chatkitAsks(first)).toMatch(/^ek_/)
      })
      expect(starts.map((response) => response.status())).toEqual([200])
    })
    expect(refreshes.map((response) => response.status())).toEqual([401])
    expect(await refreshes[0]!.json()).toMatchObject({ error: 'client_secret_revoked' })
    await expect.poll(() => status().getAttribute('data-state')).toBe('started')
  })

  test('makes no request to any host but the Worker, and throws no page error', () => {
    expect(blocked).toEqual([CHATKIT_SCRIPT])
    expect(pageErrors.map((error) => error.message)).toEqual([])
  })
})
