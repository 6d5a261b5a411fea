/// <reference types="node" />
// The Copilot bridge's pages in a real browser (Debian's chromium via playwright-core), against
// the real Worker under `wrangler dev` in sandbox mode (./wrangler-dev.ts): its fake GitHub
// approves a device-flow sign-in on the second poll, its fake Copilot streams word by word. A
// person signs in, takes a username, makes a key, chats with it, stops an answer, revokes the key;
// an answer holding markup is shown as text. Nothing may leave the machine, and the pages' strict
// policy must refuse nothing of their own.
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { isLoopback, launchChromium, screenshotDir, UI_TIMEOUT_MS } from './chromium.js'

const baseUrl = inject('relaykitBaseUrl')

let browser: Browser | undefined
let context: BrowserContext
let setup: Page
let chat: Page
const leaving: string[] = []
const pageErrors: string[] = []
const refusedByPolicy: string[] = []
let key = ''

async function newContext(): Promise<BrowserContext> {
  const made = await browser!.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' })
  await made.route('**/*', (route) => {
    if (isLoopback(route.request().url())) return route.continue()
    leaving.push(route.request().url())
    return route.abort('blockedbyclient')
  })
  return made
}

async function open(path: string, within = context): Promise<Page> {
  const page = await within.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) refusedByPolicy.push(`${path}: ${message.text()}`)
  })
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' })
  expect(response?.status(), `GET ${path}`).toBe(200)
  return page
}

beforeAll(async () => {
  browser = await launchChromium()
  context = await newContext()
  setup = await open('/copilot')
})

afterAll(async () => {
  await browser?.close()
})

const statusOf = (page: Page, selector: string) => page.locator(selector).textContent()

describe('the setup page', () => {
  test('signs in with GitHub by device flow: the code and the link, then the signed-in user', async () => {
    await setup.getByRole('button', { name: 'Sign in with GitHub' }).click()
    await setup.locator('#user-code').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await setup.locator('#user-code').textContent()).toMatch(/^FAKE-\d+$/)
    expect(await setup.locator('#verification-link').getAttribute('href')).toBe('https://github.com/login/device')
    await setup.locator('#github-login').filter({ hasText: 'octocat' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await setup.locator('#device').isHidden()).toBe(true)
  })

  test('takes the username and makes a key, shown once with ready-to-paste settings', async () => {
    expect(await setup.locator('#username').inputValue()).toBe('octocat')
    await setup.getByRole('button', { name: 'Open or create' }).click()
    await setup.locator('#account').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await setup.locator('#base-url').textContent()).toBe(`${baseUrl}/octocat/v1`)
    await setup.locator('#key-name').fill('browser')
    await setup.getByRole('button', { name: 'Make a key' }).click()
    await setup.locator('#new-key-value').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    key = (await setup.locator('#new-key-value').textContent()) ?? ''
    expect(key).toMatch(/^acpc-[\w-]{43}$/)
    expect(await setup.locator('#snippet-js').textContent()).toContain(`new OpenAI({ baseURL: '${baseUrl}/octocat/v1', apiKey: '${key}' })`)
    expect(JSON.parse((await setup.locator('#snippet-claude').textContent()) ?? '{}')).toMatchObject({
      env: { ANTHROPIC_BASE_URL: `${baseUrl}/octocat`, ANTHROPIC_AUTH_TOKEN: key },
    })
    expect(await setup.locator('#snippet-curl').textContent()).toContain(`-H "Authorization: Bearer ${key}"`)
    await setup.locator('#keys tr', { hasText: 'browser' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  })

  test('shows the quota as bars', async () => {
    const premium = setup.locator('#quota progress').first()
    await premium.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect([await premium.getAttribute('value'), await premium.getAttribute('max')]).toEqual(['60', '300'])
    expect(await setup.locator('#quota').textContent()).toContain('60 used, 240 left of 300')
    await mkdir(screenshotDir, { recursive: true })
    await setup.screenshot({ path: resolve(screenshotDir, 'copilot-setup.png'), fullPage: true, animations: 'disabled' })
  })
})

describe('the chat page', () => {
  const send = async (text: string) => {
    await chat.locator('#prompt').fill(text)
    await chat.getByRole('button', { name: 'Send' }).click()
  }
  const lastReply = () => chat.locator('.message[data-role="assistant"]').last()

  test('takes the key once, keeps it in the tab, never in the URL, and lists the models, free ones marked', async () => {
    chat = await open('/copilot/chat')
    expect(await chat.locator('#username').inputValue()).toBe('octocat')
    await chat.locator('#key').fill(key)
    await chat.getByRole('button', { name: 'Connect' }).click()
    await chat.locator('#chat').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const options = await chat.locator('#model option').allTextContents()
    expect(options[0]).toBe('GPT-4.1 (free)')
    expect(options).toContain('Claude Sonnet 4.5')
    expect(chat.url()).not.toContain(key)
    expect(await chat.evaluate(() => sessionStorage.getItem('relaykit.copilot.chat.key'))).toBe(key)
  })

  test('streams the answer, rendered as Markdown', async () => {
    await send('Hello there')
    const reply = lastReply()
    // Part of the answer shows before the rest has come.
    await reply.locator('.body').filter({ hasText: 'Hello from the' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(await reply.getAttribute('data-state')).toBeNull()
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('done')
    expect(await reply.locator('strong').first().textContent()).toBe('sandbox')
    expect(await reply.locator('code').allTextContents()).toEqual(['Stop', '/octocat/v1', 'sandbox-copilot-key'])
  })

  test('stops an answer with the stop button', async () => {
    await send('Tell me more')
    const reply = lastReply()
    await reply.locator('.body').filter({ hasText: 'Hello' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await chat.getByRole('button', { name: 'Stop' }).click()
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('stopped')
    const stoppedAt = await reply.locator('.body').textContent()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await reply.locator('.body').textContent()).toBe(stoppedAt)
    expect(stoppedAt).not.toContain('sandbox-copilot-key')
    expect(await chat.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true)
  })

  test('sends an attached image as a content part', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    await chat.locator('#image').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png })
    const sent = chat.waitForRequest('**/octocat/v1/chat/completions')
    await send('What is in this picture?')
    const { messages } = (await sent).postDataJSON() as { messages: { role: string; content: unknown }[] }
    expect(messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
      ],
    })
    await expect.poll(() => lastReply().getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('done')
    expect(await chat.locator('.message[data-role="user"] img').count()).toBe(1)
  })

  test('shows an answer holding markup as text: no element, no script', async () => {
    const hostile = 'Look: <img src=x onerror="window.pwned = true"> and <script>window.pwned = true</script> **bold**'
    await chat.route('**/octocat/v1/chat/completions', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1', choices: [{ index: 0, delta: { content: hostile }, finish_reason: null }] })}\n\ndata: [DONE]\n\n`,
      }),
    )
    await send('Say something hostile')
    const reply = lastReply()
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('done')
    expect(await reply.locator('.body').textContent()).toContain('<img src=x onerror="window.pwned = true"> and <script>window.pwned = true</script>')
    expect(await reply.locator('img, script').count()).toBe(0)
    expect(await reply.locator('strong').textContent()).toBe('bold')
    expect(await chat.evaluate(() => (globalThis as unknown as { pwned?: boolean }).pwned)).toBeUndefined()
    await chat.unroute('**/octocat/v1/chat/completions')
    await chat.screenshot({ path: resolve(screenshotDir, 'copilot-chat.png'), fullPage: true, animations: 'disabled' })
  })

  test('says clearly that a revoked key no longer works, and asks for a key again', async () => {
    await setup.locator('#keys tr', { hasText: 'browser' }).getByRole('button', { name: 'Revoke' }).click()
    await setup.locator('#key-status').filter({ hasText: 'Revoked browser' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await send('Still there?')
    await chat.locator('#connect').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await statusOf(chat, '#status')).toBe(
      `This key does not open the account "octocat": it was revoked, mistyped, or made for another account. Make a new key at ${baseUrl}/copilot.`,
    )
    expect(await lastReply().getAttribute('data-state')).toBe('error')
    expect(await chat.evaluate(() => sessionStorage.getItem('relaykit.copilot.chat.key'))).toBeNull()
  })
})

describe('a sign-in GitHub slows down, then lets expire', () => {
  test('waits longer when told, then stops with the reason and offers to start again', async () => {
    // Another browser, not signed in.
    const other = await newContext()
    const page = await open('/copilot', other)
    const answers = [
      { status: 202, body: { status: 'slow_down', interval: 2 } },
      { status: 410, body: { error: 'sign_in_expired', message: 'The code expired before it was entered at GitHub. Start a new sign-in.', request_id: 'req_1' } },
    ]
    const polledAt: number[] = []
    await page.route('**/github/poll-device-code', (route) => {
      polledAt.push(Date.now())
      const { status, body } = answers.shift() ?? answers[0]!
      return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })
    })
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click()
    await page.locator('#sign-in-status').filter({ hasText: 'GitHub asked to slow down: checking every 2 seconds.' }).waitFor({ timeout: UI_TIMEOUT_MS })
    await page.locator('#sign-in-status').filter({ hasText: 'The code expired' }).waitFor({ timeout: UI_TIMEOUT_MS })
    expect(polledAt).toHaveLength(2)
    expect(polledAt[1]! - polledAt[0]!).toBeGreaterThanOrEqual(1_900)
    expect(await page.getByRole('button', { name: 'Start again' }).isEnabled()).toBe(true)
    await other.close()
  })
})

describe('both pages', () => {
  test('reach nothing but the Worker, raise no error, and break no rule of their policy', async () => {
    expect(leaving).toEqual([])
    expect(pageErrors).toEqual([])
    expect(refusedByPolicy).toEqual([])
  })
})
