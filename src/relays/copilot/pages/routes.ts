import { OpenAPIHono } from '@hono/zod-openapi'
import { validationHook } from '../../../platform/validation-hook.js'
import { chatPage, setupPage } from '../contract/pages.js'
import type { CopilotEnv } from '../copilot-env.js'
import { chatTemplate } from './chat-page.js'
import { buildPage, type Page } from './page.js'
import { setupTemplate } from './setup-page.js'
import { sharedFragment } from './shared-page.js'

/** The setup and chat pages, each built once per isolate (hashing its blocks for the policy). */
export function pages() {
  const app = new OpenAPIHono<CopilotEnv>({ defaultHook: validationHook })
  const built = new Map<string, Promise<Page>>()
  const page = (template: string) => {
    let made = built.get(template)
    if (!made) {
      made = buildPage(template, sharedFragment)
      built.set(template, made)
    }
    return made
  }

  for (const [route, template] of [
    [setupPage, setupTemplate],
    [chatPage, chatTemplate],
  ] as const) {
    app.openapi(route, async (c) => {
      const { html, csp } = await page(template)
      return c.html(html, 200, { 'Content-Security-Policy': csp, 'Cache-Control': 'no-cache' })
    })
  }
  return app
}
