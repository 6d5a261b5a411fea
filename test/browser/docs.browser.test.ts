/// <reference types="node" />
// The /docs page in a real browser (Debian's chromium via playwright-core), against the real Worker
// under `wrangler dev` in sandbox mode (started by ./wrangler-dev.ts). Checks that Scalar renders
// from the Worker's own copy of its script, offline, without errors, and that its "Test Request"
// client answers 2xx on every operation of openapi.json with what it prefills (the sandbox's
// example bodies, path parameters and tokens). The few that need an earlier answer get it as a
// person would: a ChatKit refresh the secret a start answered, a device-flow poll the start's
// flow_id (its session cookie then opens the Copilot accounts' operations), a key's revocation
// the id its creation answered.
import { mkdir, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, Page, Request, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { isLoopback, launchChromium, screenshotDir, UI_TIMEOUT_MS } from './chromium.js'
import spec from '../../openapi/openapi.json'
import { closeClient, openTestRequest, replaceBody, pathWith, replacePathParameter, type SpecOperation, send, specOperations } from './scalar.js'

const baseUrl = inject('relaykitBaseUrl')

const OPERATION = 'List pull requests of an allowed repository'

/** A rate limit another browser test spent first (the operator's refills one every 6 s) is waited out, once. */
const MAX_RETRY_AFTER_SECONDS = 15
/** The sandbox's fake GitHub approves a device-flow sign-in on its second ask, one interval after the first. */
const MAX_SIGN_IN_POLLS = 5

/** The setup page's session cookie: what the Copilot accounts' operations take, and no /docs prefill can give. */
const SESSION_SCHEME = 'copilotSession'

/**
 * Pressed in tests of their own below: each needs what another operation answered (and says so),
 * or, for the deletion, goes last, since it forgets the account the bridge's operations use.
 */
const OWN_TEST = new Set(['refreshChatKitSession', 'pollCopilotDeviceSignIn', 'createCopilotKey', 'revokeCopilotKey', 'deleteCopilotAccount'])

/** What an answer says, for a failure message (an event stream's body cannot be read back). */
const described = async (response: Response) => `${response.status()} ${(await response.text().catch(() => '(a stream)')).slice(0, 300)}`

const isSuccess = (response: Response) => response.status() >= 200 && response.status() < 300

const operation = (operationId: string) => {
  const found = specOperations.find((candidate) => candidate.operationId === operationId)
  if (!found) throw new Error(`openapi.json has no operation ${operationId}`)
  return found
}

/** Every operation a test pressed Send on and the Worker answered, so the last test can tell that none was left out. */
const pressed = new Set<string>()

/** Presses Send, and once more after Retry-After if a rate limit answered. */
async function sendOnce(sendButton: Parameters<typeof send>[2], pressing: SpecOperation, path = pressing.requestPath): Promise<Response> {
  const response = await send(page, baseUrl, sendButton, pressing.method, path)
  pressed.add(pressing.operationId)
  const wait = Number(await response.headerValue('retry-after'))
  if (response.status() !== 429 || !(wait <= MAX_RETRY_AFTER_SECONDS)) return response
  await new Promise((resolveWait) => setTimeout(resolveWait, wait * 1_000))
  return send(page, baseUrl, sendButton, pressing.method, path)
}

/** Opens the operation's client, presses Send on what it prefills, and expects a 2xx. */
async function pressPrefilled(pressing: SpecOperation): Promise<Response> {
  const { client, sendButton } = await openTestRequest(page, pressing)
  const response = await sendOnce(sendButton, pressing)
  expect(isSuccess(response), `${pressing.operationId}: ${await described(response)}`).toBe(true)
  await closeClient(client)
  return response
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

  const needsSession = (candidate: SpecOperation) => candidate.schemes.includes(SESSION_SCHEME)
  const alone = specOperations.filter((candidate) => !OWN_TEST.has(candidate.operationId) && !needsSession(candidate))
  const withSession = specOperations.filter((candidate) => !OWN_TEST.has(candidate.operationId) && needsSession(candidate))

  test('presses the operations of every relay, the Copilot bridge and its accounts too', () => {
    expect(new Set(alone.map((candidate) => candidate.tag))).toEqual(
      new Set(['GitHub', 'Operator', 'OpenAI', 'Gateway', 'ChatKit', 'Audit', 'Copilot bridge', 'Copilot bridge (Anthropic)', 'Copilot accounts', 'Meta']),
    )
    expect(withSession.map((candidate) => candidate.operationId).sort()).toEqual(['getCopilotAccount', 'getCopilotAccountUsage', 'getCopilotSession', 'signUpCopilotAccount'])
  })

  test.each(alone)('"Test Request" on $operationId answers 2xx with what it prefills', async (pressing) => {
    await pressPrefilled(pressing)
  })

  test('"Test Request" on refreshChatKitSession answers 200 with the client_secret startChatKitSession answered, as its description says', async () => {
    const start = operation('startChatKitSession')
    const refresh = operation('refreshChatKitSession')
    const startAnswer = await pressPrefilled(start)
    const { client_secret: secret } = (await startAnswer.json()) as { client_secret: string }

    expect(refresh.description).toContain('client_secret` that startChatKitSession')
    const { client, sendButton } = await openTestRequest(page, refresh)
    await replaceBody(page, client, { currentClientSecret: secret })
    const refreshed = await sendOnce(sendButton, refresh)
    expect(JSON.parse(refreshed.request().postData() ?? '{}')).toEqual({ currentClientSecret: secret })
    expect(refreshed.status(), await described(refreshed)).toBe(200)
    const { client_secret: next } = (await refreshed.json()) as { client_secret: string }
    expect(next).toMatch(/^ek_/)
    expect(next).not.toBe(secret)
    await closeClient(client)
  })

  test('signs in with GitHub from /docs: pollCopilotDeviceSignIn with the flow_id startCopilotDeviceSignIn answered, 202 until approved, then 200 and a session', async () => {
    const start = operation('startCopilotDeviceSignIn')
    const poll = operation('pollCopilotDeviceSignIn')
    const { flow_id: flowId } = (await (await pressPrefilled(start)).json()) as { flow_id: string }

    const { client, sendButton } = await openTestRequest(page, poll)
    await replaceBody(page, client, { flow_id: flowId })
    let polled = await sendOnce(sendButton, poll)
    for (let attempt = 1; attempt < MAX_SIGN_IN_POLLS && polled.status() === 202; attempt++) {
      const { interval } = (await polled.json()) as { interval: number }
      await new Promise((resolveWait) => setTimeout(resolveWait, interval * 1_000))
      polled = await sendOnce(sendButton, poll)
    }
    expect(JSON.parse(polled.request().postData() ?? '{}')).toEqual({ flow_id: flowId })
    expect(polled.status(), await described(polled)).toBe(200)
    expect(await polled.json()).toMatchObject({ status: 'signed_in', github_login: 'octocat' })
    // The session is an HttpOnly cookie: the browser keeps it and sends it with the operations below.
    expect(await polled.headerValue('set-cookie')).toMatch(/^relaykit_copilot_session=.+HttpOnly/i)
    await closeClient(client)
  })

  // After the sign-in above: the browser sends its session cookie itself.
  test.each(withSession)('"Test Request" on $operationId answers 2xx with what it prefills, once signed in', async (pressing) => {
    await pressPrefilled(pressing)
  })

  test('"Test Request" on revokeCopilotKey answers 200 for the key createCopilotKey made', async () => {
    const create = operation('createCopilotKey')
    const revoke = operation('revokeCopilotKey')
    const created = await pressPrefilled(create)
    expect(created.status()).toBe(201)
    const { id } = (await created.json()) as { id: string }

    const { client, sendButton } = await openTestRequest(page, revoke)
    await replacePathParameter(client, 'key_id', id)
    const revoked = await sendOnce(sendButton, revoke, pathWith(revoke.path, { ...revoke.pathExamples, key_id: id }))
    expect(revoked.status(), await described(revoked)).toBe(200)
    expect(await revoked.json()).toEqual({ id, revoked: true })
    await closeClient(client)
  })

  test('"Test Request" on deleteCopilotAccount answers 200, after every operation that uses the account', async () => {
    const deleted = await pressPrefilled(operation('deleteCopilotAccount'))
    expect(await deleted.json()).toEqual({ username: 'octocat', deleted: true })
  })

  test('pressed Send on every operation of openapi.json', () => {
    const operationsInSpec = Object.values(spec.paths).reduce((count, methods) => count + Object.keys(methods).length, 0)
    expect(pressed.size).toBe(operationsInSpec)
    expect([...pressed].sort()).toEqual(specOperations.map((candidate) => candidate.operationId).sort())
  })
})
