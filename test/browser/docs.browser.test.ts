/// <reference types="node" />
// The /docs page in a real browser (Debian's chromium via playwright-core), against the real Worker
// under `wrangler dev` in sandbox mode (started by ./wrangler-dev.ts). Checks that Scalar renders
// from the Worker's own copy of its script, offline, without errors, and that its "Test Request"
// client answers 2xx on every operation with what it prefills (the sandbox's example bodies and
// tokens), and a ChatKit refresh with the secret a start answered.
import { mkdir, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, Page, Request, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { isLoopback, launchChromium, screenshotDir, UI_TIMEOUT_MS } from './chromium.js'
import { closeClient, openTestRequest, replaceBody, send, specOperations } from './scalar.js'

const baseUrl = inject('relaykitBaseUrl')

const OPERATION = 'List pull requests of an allowed repository'

/** Needs what another operation answered: its own test below presses both. */
const CHAINED = 'refreshChatKitSession'
/** Another browser test may have spent a rate limit first (the operator's refills one every 6 s); waiting it out is fine. */
const MAX_RETRY_AFTER_SECONDS = 15

/** What an answer says, for a failure message (an event stream's body cannot be read back). */
const described = async (response: Response) => `${response.status()} ${(await response.text().catch(() => '(a stream)')).slice(0, 300)}`

/** Presses Send, and once more after Retry-After if a rate limit answered. */
async function sendOnce(sendButton: Parameters<typeof send>[2], method: string, path: string): Promise<Response> {
  const response = await send(page, baseUrl, sendButton, method, path)
  const wait = Number(await response.headerValue('retry-after'))
  if (response.status() !== 429 || !(wait <= MAX_RETRY_AFTER_SECONDS)) return response
  await new Promise((resolveWait) => setTimeout(resolveWait, wait * 1_000))
  return send(page, baseUrl, sendButton, method, path)
}

let browser: Browser | undefined
let page: Page
const requests: Request[] = []
const pageErrors: Error[] = []
const consoleErrors: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' })
  // Never let the page reach the internet: loopback requests go through, the rest are aborted
  // (and still recorded by the 'request' listener below).
  await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient')))
  page = await context.newPage()
  page.on('request', (request) => requests.push(request))
  page.on('pageerror', (error) => pageErrors.push(error))
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  const response = await page.goto(`${baseUrl}/docs`, { waitUntil: 'load' })
  expect(response?.status(), 'GET /docs').toBe(200)
})

afterAll(async () => {
  await browser?.close()
})

describe('/docs in chromium', () => {
  test('renders the API reference offline, with the sandbox title and no page errors', async () => {
    await page.getByRole('heading', { name: OPERATION }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    // The sidebar lists the other operations too (Scalar renders later sections lazily).
    await page.getByRole('link', { name: /^Comment on a pull request/ }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    expect(await page.title()).toMatch(/sandbox/)
    expect(await page.title()).toBe('relaykit API (sandbox)')
    await page.waitForLoadState('networkidle')
    expect(pageErrors.map((error) => error.message)).toEqual([])
  })

  test('makes no request to any host but the Worker', async () => {
    await page.getByRole('heading', { name: OPERATION }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await page.waitForLoadState('networkidle')
    const unexpected = requests.filter((request) => !isLoopback(request.url())).map((request) => `${request.resourceType()} ${request.method()} ${request.url()}`)
    expect(unexpected, 'requests leaving the machine').toEqual([])
    // Every request to the Worker itself succeeded.
    const failedLocal: string[] = []
    for (const request of requests.filter((r) => isLoopback(r.url()))) {
      const response = await request.response()
      if (response === null || response.status() >= 400) failedLocal.push(`${request.method()} ${request.url()} → ${response?.status() ?? request.failure()?.errorText}`)
    }
    expect(failedLocal).toEqual([])
    // The spec came from this Worker too.
    expect(requests.some((request) => request.url() === `${baseUrl}/openapi.json`)).toBe(true)
  })

  test("loads Scalar's script from the Worker's /docs/scalar.js with 200", async () => {
    const script = requests.find((request) => request.url() === `${baseUrl}/docs/scalar.js`)
    expect(script, 'a request for /docs/scalar.js').toBeDefined()
    expect(script!.resourceType()).toBe('script')
    const response = await script!.response()
    expect(response?.status()).toBe(200)
    expect(await response?.headerValue('content-type')).toMatch(/javascript/)
    // And nothing else served a script: no CDN copy of Scalar.
    expect(requests.filter((request) => request.resourceType() === 'script').map((request) => request.url())).toEqual([`${baseUrl}/docs/scalar.js`])
  })

  test('screenshot: test/browser/__screenshots__/docs.png', async () => {
    await page.getByRole('heading', { name: OPERATION }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await mkdir(screenshotDir, { recursive: true })
    const path = resolve(screenshotDir, 'docs.png')
    await page.screenshot({ path, animations: 'disabled' })
    expect((await stat(path)).size).toBeGreaterThan(10_000)
  })

  test('"Test Request" on List pull requests gets 200 with pull_requests from the sandbox', async () => {
    await page.getByRole('button', { name: /Test Request\s*\(post \/chatgpt\/prs\/list\)/i }).click({ timeout: UI_TIMEOUT_MS })
    const client = page.getByRole('dialog')
    const send = client.getByRole('button', { name: /Send post request to .*\/chatgpt\/prs\/list/i })
    await send.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${baseUrl}/chatgpt/prs/list` && r.request().method() === 'POST', { timeout: UI_TIMEOUT_MS }),
      send.click(),
    ])
    // Scalar sent the sandbox token it was configured with.
    expect(await response.request().headerValue('authorization')).toBe('Bearer sandbox-actions-token')
    expect(response.status()).toBe(200)
    const body = (await response.json()) as { pull_requests?: unknown[] }
    expect(Array.isArray(body.pull_requests) && body.pull_requests.length > 0).toBe(true)
    // And the client shows it.
    await client.getByText('200 OK').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await client.getByText('"pull_requests"').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await page.screenshot({ path: resolve(screenshotDir, 'docs-test-request.png'), animations: 'disabled' })
    expect(pageErrors.map((error) => error.message)).toEqual([])
    await closeClient(client)
  })

  // Operations under a tag of several words, or with a path parameter, have anchors and request
  // paths this driver does not compute yet (the Copilot bridge's); their prefill is tested in the Worker.
  const pressable = specOperations.filter((operation) => operation.operationId !== CHAINED && !operation.path.includes('{') && !operation.tag.includes(' '))

  test('presses Test Request on the operations of every relay but the Copilot bridge', () => {
    expect(new Set(pressable.map((operation) => operation.tag))).toEqual(new Set(['GitHub', 'Operator', 'OpenAI', 'Gateway', 'ChatKit', 'Audit', 'Meta']))
  })

  test.each(pressable)('"Test Request" on $operationId answers 2xx with what it prefills', async (operation) => {
    const { client, sendButton } = await openTestRequest(page, operation)
    const response = await sendOnce(sendButton, operation.method, operation.path)
    expect(response.status() >= 200 && response.status() < 300, await described(response)).toBe(true)
    await closeClient(client)
  })

  test(`"Test Request" on ${CHAINED} answers 200 with the client_secret startChatKitSession answered, as its description says`, async () => {
    const start = specOperations.find((operation) => operation.operationId === 'startChatKitSession')!
    const refresh = specOperations.find((operation) => operation.operationId === CHAINED)!
    const started = await openTestRequest(page, start)
    const startAnswer = await sendOnce(started.sendButton, start.method, start.path)
    expect(startAnswer.status(), await described(startAnswer)).toBe(200)
    const { client_secret: secret } = (await startAnswer.json()) as { client_secret: string }
    await closeClient(started.client)

    expect(refresh.description).toContain('client_secret` that startChatKitSession')
    const { client, sendButton } = await openTestRequest(page, refresh)
    await replaceBody(page, client, { currentClientSecret: secret })
    const refreshed = await sendOnce(sendButton, refresh.method, refresh.path)
    expect(JSON.parse(refreshed.request().postData() ?? '{}')).toEqual({ currentClientSecret: secret })
    expect(refreshed.status(), await described(refreshed)).toBe(200)
    const { client_secret: next } = (await refreshed.json()) as { client_secret: string }
    expect(next).toMatch(/^ek_/)
    expect(next).not.toBe(secret)
    await closeClient(client)
  })
})
