/// <reference types="node" />
// Driving Scalar's "Test Request" client on /docs, for the browser tests.
import type { Locator, Page, Response } from 'playwright-core'
import spec from '../../openapi/openapi.json'
import { UI_TIMEOUT_MS } from './chromium.js'

export interface SpecOperation {
  method: string
  path: string
  operationId: string
  tag: string
  description: string
}

/** Every operation of openapi.json, in the order /docs lists them. */
export const specOperations: SpecOperation[] = Object.entries(spec.paths as Record<string, Record<string, { operationId: string; tags: string[]; description?: string }>>).flatMap(
  ([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path,
      operationId: operation.operationId,
      tag: operation.tags[0] ?? '',
      description: operation.description ?? '',
    })),
)

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

export async function closeClient(client: Locator) {
  await client.getByRole('button', { name: 'Close Client' }).click({ timeout: UI_TIMEOUT_MS })
  await client.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS })
}

/**
 * Opens an operation's "Test Request" client by its anchor (`#tag/<tag>/<METHOD><path>`, which
 * makes Scalar render a section it would otherwise load only when scrolled to), and answers the
 * client with its Send button.
 */
export async function openTestRequest(page: Page, { method, path, tag }: SpecOperation): Promise<{ client: Locator; sendButton: Locator }> {
  const open = page.getByRole('dialog')
  if (await open.isVisible()) await closeClient(open)
  // Runs in the page, which has a location (these files are typed for Node, without the DOM).
  await page.evaluate((anchor) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = anchor
  }, `#tag/${tag.toLowerCase()}/${method.toUpperCase()}${path}`)
  await page.getByRole('button', { name: new RegExp(`^Test Request\\s*\\(${method} ${escaped(path)}\\)$`, 'i') }).click({ timeout: UI_TIMEOUT_MS })
  const client = page.getByRole('dialog')
  const sendButton = client.getByRole('button', { name: new RegExp(`Send ${method} request to .*${escaped(path)}`, 'i') })
  await sendButton.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  return { client, sendButton }
}

/** Clicks the client's Send button and returns the Worker's answer to the request it made. */
export async function send(page: Page, baseUrl: string, sendButton: Locator, method: string, path: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(baseUrl) && new URL(r.url()).pathname === path && r.request().method() === method.toUpperCase(), { timeout: UI_TIMEOUT_MS }),
    sendButton.click({ timeout: UI_TIMEOUT_MS }),
  ])
  return response
}

/** Replaces the JSON body in the client's editor, as a person would paste it. */
export async function replaceBody(page: Page, client: Locator, body: unknown) {
  const editor = client.locator('.cm-content[contenteditable="true"]')
  await editor.click({ timeout: UI_TIMEOUT_MS })
  await page.keyboard.press('ControlOrMeta+A')
  // insertText, not typing: the editor closes brackets and quotes as they are typed.
  await page.keyboard.insertText(JSON.stringify(body, null, 2))
}
