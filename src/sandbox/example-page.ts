import type { Context } from 'hono'
import page from '../../examples/chatkit.html'
import type { AppEnv } from '../platform/app-env.js'
import { isSandbox } from '../platform/sandbox.js'

export const EXAMPLE_PAGE_PATH = '/examples/chatkit.html'

/**
 * examples/chatkit.html, served by the sandbox only (outside the API and its specs): on a
 * deployment, the page with the ChatKit widget belongs on the site that embeds it.
 */
export const examplePage = (c: Context<AppEnv>) => (isSandbox(c.env) ? c.html(page, 200, { 'Cache-Control': 'no-store' }) : c.notFound())
