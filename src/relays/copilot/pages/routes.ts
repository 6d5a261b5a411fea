import { OpenAPIHono } from '@hono/zod-openapi'
import { validationHook } from '../../../platform/validation-hook.js'
import { chatPage, setupPage } from '../contract/pages.js'
import type { CopilotEnv } from '../copilot-env.js'
import { buildPage, type Page, type PageFile, readPageFile } from './page.js'

/**
 * The setup and chat pages. Their HTML is in the static assets, not the bundle; each is read and
 * built once per isolate (hashing its blocks for the policy). A failed read is not kept, so the
 * next request tries again.
 */
export function pages() {
  const app = new OpenAPIHono<CopilotEnv>({ defaultHook: validationHook })
  const built = new Map<PageFile, Promise<Page>>()
  const page = (assets: Fetcher | undefined, file: PageFile) => {
    let made = built.get(file)
    if (!made) {
      made = Promise.all([readPageFile(assets, file), readPageFile(assets, 'shared.html')]).then(([template, shared]) => buildPage(template, shared))
      made.catch(() => built.delete(file))
      built.set(file, made)
    }
    return made
  }

  for (const [route, file] of [
    [setupPage, 'setup.html'],
    [chatPage, 'chat.html'],
  ] as const) {
    app.openapi(route, async (c) => {
      const { html, csp } = await page(c.env.ASSETS, file)
      return c.html(html, 200, { 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache' })
    })
  }
  return app
}
