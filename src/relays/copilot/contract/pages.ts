import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { errorResponses } from '../../../contracts/errors.js'
import { ACCOUNTS_TAG } from './sign-in.js'

// The bridge's two pages, served by relaykit itself: nothing on them comes from a third party,
// and a strict Content Security Policy lets only their own script and style run.

const tags = [ACCOUNTS_TAG]

const Page = z.string().openapi({ description: 'The page.' })

const page = (description: string) => ({
  description,
  headers: z.object({ 'Content-Security-Policy': z.string().openapi({ description: "Only the page's own script and style, and requests to relaykit itself." }) }),
  content: { 'text/html': { schema: Page } },
})

const descriptions = { 403: 'The Origin is not allowed.', 503: 'The bridge is off or not configured (the message names what is missing).' } as const

export const setupPage = createRoute({
  method: 'get',
  path: '/copilot',
  operationId: 'getCopilotSetupPage',
  tags,
  security: [],
  summary: 'The setup page',
  description:
    'Sign in with GitHub (device flow), choose a username, make keys (shown once, with settings for the OpenAI SDKs, Claude Code and curl), revoke them, see the quota, delete the account. With ROOT_RELAY=copilot also at `GET /`.',
  responses: { 200: page('The setup page.'), ...errorResponses([403, 503], descriptions) },
})

export const chatPage = createRoute({
  method: 'get',
  path: '/copilot/chat',
  operationId: 'getCopilotChatPage',
  tags,
  security: [],
  summary: 'The chat page',
  description:
    'Chat with a Copilot model through the bridge: the key is entered once and kept in the tab, answers stream as Markdown, images attach as content parts. With ROOT_RELAY=copilot also at `GET /chat`.',
  responses: { 200: page('The chat page.'), ...errorResponses([403, 503], descriptions) },
})

export const pageRoutes = [setupPage, chatPage] as const
