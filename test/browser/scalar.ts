/// <reference types="node" />
// Driving Scalar's "Test Request" client on /docs, for the browser tests.
import { slugify } from '@scalar/helpers/string/slugify'
import type { Locator, Page, Response } from 'playwright-core'
import spec from '../../openapi/openapi.json'
import { UI_TIMEOUT_MS } from './chromium.js'

export interface SpecOperation {
  method: string
  /** As openapi.json writes it, `{name}` for each path parameter. */
  path: string
  /** The path Scalar requests: each path parameter filled in with its example. */
  requestPath: string
  /** Each path parameter's example, as Scalar prefills it. */
  pathExamples: Record<string, string>
  operationId: string
  tag: string
  description: string
  /** The security schemes any of its alternatives names. */
  schemes: string[]
}

interface SpecParameter {
  name: string
  in: string
  example?: unknown
  schema?: { example?: unknown }
}

interface SpecOperationObject {
  operationId: string
  tags: string[]
  description?: string
  parameters?: SpecParameter[]
  security?: Record<string, unknown>[]
}

/** The path with each `{name}` replaced by its value. */
export const pathWith = (path: string, values: Record<string, string>) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${path}: no value for the path parameter ${name} (and openapi.json gives it no example)`)
    return encodeURIComponent(value)
  })

const pathExamples = (parameters: SpecParameter[]): Record<string, string> =>
  Object.fromEntries(
    parameters.flatMap((parameter) => {
      const example = parameter.example ?? parameter.schema?.example
      return parameter.in === 'path' && typeof example === 'string' ? [[parameter.name, example]] : []
    }),
  )

/** Every operation of openapi.json, in the order /docs lists them. */
export const specOperations: SpecOperation[] = Object.entries(spec.paths as Record<string, Record<string, SpecOperationObject>>).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => {
    const examples = pathExamples(operation.parameters ?? [])
    return {
      method,
      path,
      requestPath: pathWith(path, examples),
      pathExamples: examples,
      operationId: operation.operationId,
      tag: operation.tags[0] ?? '',
      description: operation.description ?? '',
      schemes: [...new Set((operation.security ?? []).flatMap(Object.keys))],
    }
  }),
)

/**
 * The anchor /docs gives an operation: Scalar's own slug of its first tag, then the method in
 * capitals and the path as written (parameters still in braces), without the document's slug.
 */
export const operationAnchor = ({ tag, method, path }: SpecOperation) => `#tag/${slugify(tag)}/${method.toUpperCase()}${path}`

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

export async function closeClient(client: Locator) {
  await client.getByRole('button', { name: 'Close Client' }).click({ timeout: UI_TIMEOUT_MS })
  await client.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS })
}

/**
 * Opens an operation's "Test Request" client by its anchor (which makes Scalar render a section
 * it would otherwise load only when scrolled to), and answers the client with its Send button.
 */
export async function openTestRequest(page: Page, operation: SpecOperation): Promise<{ client: Locator; sendButton: Locator }> {
  const { method, path } = operation
  const open = page.getByRole('dialog')
  if (await open.isVisible()) await closeClient(open)
  // Runs in the page, which has a location (these files are typed for Node, without the DOM).
  await page.evaluate((anchor) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = anchor
  }, operationAnchor(operation))
  await page.getByRole('button', { name: new RegExp(`^Test Request\\s*\\(${method} ${escaped(path)}\\)$`, 'i') }).click({ timeout: UI_TIMEOUT_MS })
  const client = page.getByRole('dialog')
  // The button names the path as written, parameters in braces; the request fills them in.
  const sendButton = client.getByRole('button', { name: new RegExp(`Send ${method} request to .*${escaped(path)}`, 'i') })
  await sendButton.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS })
  return { client, sendButton }
}

/** Clicks the client's Send button and returns the Worker's answer to the request it made to `path` (parameters filled in). */
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

/** Replaces a path parameter's value in the client's Variables, as a person would type it. */
export async function replacePathParameter(client: Locator, name: string, value: string) {
  // Relative to the row it filters, so built from the page, not the client.
  const key = client
    .page()
    .getByRole('combobox', { name: 'Key' })
    .filter({ hasText: new RegExp(`^${escaped(name)}$`) })
  await client.locator('tr', { has: key }).getByRole('combobox', { name: 'Value' }).fill(value, { timeout: UI_TIMEOUT_MS })
}
