import type { Context } from 'hono'
import page from '../../examples/chatkit.html'

export const EXAMPLE_PAGE_PATH = '/examples/chatkit.html'

/**
 * examples/chatkit.html, served by the sandbox only (outside the API and its specs): on a
 * deployment, the page with the ChatKit widget belongs on the site that embeds it.
 */
export const examplePage = (c: Context) => c.html(page, 200, { 'Cache-Control': 'no-store' })
