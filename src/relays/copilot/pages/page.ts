import { readAsset } from '../../../platform/static-asset.js'

const encoder = new TextEncoder()

/** The page files in this folder, which scripts/public-specs.mjs copies into the static assets under copilot/. */
export type PageFile = 'setup.html' | 'chat.html' | 'shared.html'

/** One page file, read from the static assets. */
export async function readPageFile(assets: Fetcher | undefined, file: PageFile): Promise<string> {
  return (await readAsset(assets, `copilot/${file}`)).text()
}

const INLINE_BLOCKS = /<(script|style)>([\s\S]*?)<\/\1>/g

async function sha256Source(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`
}

/** A page as served: its HTML, and the Content Security Policy that lets only its own inline script and style run. */
export interface Page {
  html: string
  csp: string
}

/**
 * Puts the shared fragment into a page and writes its policy: no source but the page's own
 * blocks (by hash) for script and style, requests to this origin only, images from here or
 * attached by the person, no framing, no forms sent elsewhere, no base URL.
 */
export async function buildPage(template: string, shared: string): Promise<Page> {
  const html = template.replace('<!-- shared -->', shared)
  const scripts: string[] = []
  const styles: string[] = []
  for (const [, tag, body = ''] of html.matchAll(INLINE_BLOCKS)) (tag === 'script' ? scripts : styles).push(await sha256Source(body))
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.join(' ')}`,
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
  return { html, csp }
}
