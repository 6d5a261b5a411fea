/// <reference types="node" />
// Durable state as a newcomer sees it from the sandbox's /docs page (Debian's chromium via
// playwright-core, against the real Worker under `wrangler dev`, started by ./wrangler-dev.ts with
// fresh state): Scalar's "Test Request" client runs a dry run of the operator relay until the rate
// limit answers 429, a comment sent twice with one idempotency key is replayed, and the audit
// trail, read from Scalar with the prefilled audit token, lists all of it.
// The Worker is shared with docs.browser.test.ts (either file may run first), so nothing here
// counts on an exact number of earlier requests.
import { randomUUID } from 'node:crypto'
import { mkdir, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Browser, Locator, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { isLoopback, launchChromium, screenshotDir, UI_TIMEOUT_MS } from './chromium.js'
import { closeClient, send } from './scalar.js'

const baseUrl = inject('relaykitBaseUrl')

/** The sandbox's operator limit is 10/minute per address; a few more sends than that must hit it. */
const MAX_HIVE_SENDS = 20

interface AuditEvent {
  operation: string
  outcome: string
  status: number
  error: string | null
  replayed: boolean
  repository: string | null
  pull_number: number | null
}

let browser: Browser | undefined
let page: Page
const pageErrors: Error[] = []
const leftTheMachine: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' })
  // Never let the page reach the internet: loopback requests go through, the rest are aborted.
  await context.route('**/*', (route) => {
    if (isLoopback(route.request().url())) return route.continue()
    leftTheMachine.push(`${route.request().method()} ${route.request().url()}`)
    return route.abort('blockedbyclient')
  })
  page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error))
  const response = await page.goto(`${baseUrl}/docs`, { waitUntil: 'load' })
  expect(response?.status(), 'GET /docs').toBe(200)
  await page.getByRole('heading', { name: 'List pull requests of an allowed repository' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
})

afterAll(async () => {
  await browser?.close()
})

/** Opens an operation from Scalar's sidebar (expanding its group first) and its "Test Request" client. */
async function openClient(group: string, operation: string, testRequest: RegExp): Promise<Locator> {
  // A client left open (say, by a failed test) covers the sidebar.
  const open = page.getByRole('dialog')
  if (await open.isVisible()) await closeClient(open)
  const link = page.getByRole('link', { name: new RegExp(`^${operation}`) })
  if (!(await link.isVisible())) await page.getByRole('button', { name: `Open Group - ${group}` }).click({ timeout: UI_TIMEOUT_MS })
  await link.click({ timeout: UI_TIMEOUT_MS })
  await page.getByRole('heading', { name: operation }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  await page.getByRole('button', { name: testRequest }).click({ timeout: UI_TIMEOUT_MS })
  const client = page.getByRole('dialog')
  await client.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  return client
}

/** Clicks the client's Send button and returns the Worker's answer to the request it made. */
const sendFrom = (sendButton: Locator, method: string, path: string) => send(page, baseUrl, sendButton, method, path)

describe('durable state from /docs in chromium', () => {
  test('"Test Request" on Start the Hivemind foreman workflow: the dry run answers 200, then the operator limit answers 429 rate_limited', async () => {
    const client = await openClient('Operator', 'Start the Hivemind foreman workflow', /Test Request\s*\(post \/trigger-hive\)/i)
    const sendButton = client.getByRole('button', { name: /Send post request to .*\/trigger-hive/i })
    await sendButton.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })

    const first = await sendFrom(sendButton, 'POST', '/trigger-hive')
    expect(
      await first.request().headerValue('authorization'),
      "Scalar sends the operation's own prefilled sandbox token (a global preferredSecurityScheme would override it)",
    ).toBe('Bearer sandbox-relay-secret')
    // The operation's body example is the dry run.
    expect(JSON.parse(first.request().postData() ?? '{}')).toMatchObject({ action: 'execute', dry_run: true })
    expect(first.status(), await first.text()).toBe(200)
    expect(await first.json()).toMatchObject({ success: true, dry_run: true, repository: 'octo-org/hivemind', event_type: 'hive-execute' })
    expect(await first.headerValue('ratelimit-limit')).toBe('10')
    await client.getByRole('link', { name: '200 OK' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })

    // Send again until the limit answers (the bucket holds at most 10 and refills one every 6s).
    let limited: Response | undefined
    const statuses = [first.status()]
    for (let sent = 1; sent < MAX_HIVE_SENDS && limited === undefined; sent++) {
      const response = await sendFrom(sendButton, 'POST', '/trigger-hive')
      statuses.push(response.status())
      if (response.status() === 429) limited = response
      else expect(response.status(), `send ${sent + 1}: ${await response.text()}`).toBe(200)
    }
    expect(limited, `a 429 within ${MAX_HIVE_SENDS} sends (got ${statuses.join(' ')})`).toBeDefined()
    const retryAfter = await limited!.headerValue('retry-after')
    expect(retryAfter).toMatch(/^[1-9]\d*$/)
    expect(await limited!.headerValue('ratelimit-remaining')).toBe('0')
    expect(await limited!.headerValue('ratelimit-limit')).toBe('10')
    const body = (await limited!.json()) as { error?: string; retry_after_seconds?: number }
    expect(body.error).toBe('rate_limited')
    expect(body.retry_after_seconds).toBe(Number(retryAfter))
    // And the client shows it.
    await client.getByRole('link', { name: '429 Too Many Requests' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await client.getByText('"rate_limited"').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await mkdir(screenshotDir, { recursive: true })
    await page.screenshot({ path: resolve(screenshotDir, 'rate-limited.png'), animations: 'disabled' })
    await closeClient(client)
    expect(pageErrors.map((error) => error.message)).toEqual([])
  })

  test('a comment sent twice with one idempotency_key is replayed: same comment, replayed: true, Idempotent-Replayed: true', async () => {
    const idempotencyKey = `browser-state-${randomUUID()}`
    const answers = await page.evaluate(
      async ({ key }) => {
        const post = async () => {
          const response = await fetch('/chatgpt/prs/comment', {
            method: 'POST',
            headers: { authorization: 'Bearer sandbox-actions-token', 'content-type': 'application/json' },
            body: JSON.stringify({ owner: 'octo-org', repo: 'hello-world', pr_number: 17, body: 'Reviewed from the relaykit sandbox docs.', idempotency_key: key }),
          })
          return { status: response.status, replayedHeader: response.headers.get('Idempotent-Replayed'), body: (await response.json()) as Record<string, unknown> }
        }
        const first = await post()
        const second = await post()
        return [first, second] as const
      },
      { key: idempotencyKey },
    )
    const [first, second] = answers
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body).toMatchObject({ success: true })
    expect(first.body.replayed).toBeUndefined()
    expect(first.replayedHeader).toBeNull()
    expect(typeof first.body.comment_id).toBe('number')

    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body.replayed).toBe(true)
    expect(second.replayedHeader).toBe('true')
    expect(second.body.comment_id).toBe(first.body.comment_id)
    expect(second.body.html_url).toBe(first.body.html_url)
  })

  test('"Test Request" on Read the audit trail, with the prefilled audit token, lists the dry runs, the 429s and the replayed comment', async () => {
    const client = await openClient('Audit', 'Read the audit trail of writes', /Test Request\s*\(get \/audit\)/i)
    const sendButton = client.getByRole('button', { name: /Send get request to .*\/audit/i })
    await sendButton.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    // Scalar fills the optional enum filters (operation, outcome) with their first value; a
    // newcomer who wants everything unticks them, as the README says.
    for (const filter of ['repository', 'operation', 'outcome', 'since', 'until', 'cursor']) {
      const include = client.getByRole('checkbox', { name: `Include ${filter} in request`, exact: true })
      if ((await include.count()) > 0 && (await include.isChecked())) await include.uncheck({ timeout: UI_TIMEOUT_MS })
    }

    const response = await sendFrom(sendButton, 'GET', '/audit')
    expect(
      await response.request().headerValue('authorization'),
      "Scalar sends the operation's own prefilled sandbox token (a global preferredSecurityScheme would override it)",
    ).toBe('Bearer sandbox-audit-token')
    expect(response.status(), await response.text()).toBe(200)
    const { events } = (await response.json()) as { events: AuditEvent[] }
    const summary = events.map((e) => `${e.operation}:${e.outcome}:${e.status}${e.error ? `:${e.error}` : ''}${e.replayed ? ':replayed' : ''}`)
    // The dry runs and the rate-limited sends of the first test…
    expect(
      events.some((e) => e.operation === 'triggerHive' && e.outcome === 'dry_run' && e.status === 200 && e.repository === 'octo-org/hivemind'),
      summary.join(', '),
    ).toBe(true)
    expect(
      events.some((e) => e.operation === 'triggerHive' && e.outcome === 'refused' && e.status === 429 && e.error === 'rate_limited'),
      summary.join(', '),
    ).toBe(true)
    // …and the comment, once done and once replayed.
    const comments = events.filter((e) => e.operation === 'commentOnPullRequest' && e.repository === 'octo-org/hello-world' && e.pull_number === 17)
    expect(
      comments.some((e) => e.outcome === 'done' && !e.replayed),
      summary.join(', '),
    ).toBe(true)
    expect(
      comments.some((e) => e.replayed),
      summary.join(', '),
    ).toBe(true)

    // And the client shows it (its body viewer renders only the lines in view: the newest events).
    await client.getByRole('link', { name: '200 OK' }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await client.getByText('"events"').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await client.getByText('"commentOnPullRequest"').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
    await mkdir(screenshotDir, { recursive: true })
    const path = resolve(screenshotDir, 'audit.png')
    await page.screenshot({ path, animations: 'disabled' })
    expect((await stat(path)).size).toBeGreaterThan(10_000)
    expect(pageErrors.map((error) => error.message)).toEqual([])
  })

  test('makes no request to any host but the Worker', () => {
    expect(leftTheMachine).toEqual([])
  })
})
