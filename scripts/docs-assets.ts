/// <reference types="node" />
// What /docs serves, into the Worker's static assets (npm install and every wrangler build run
// this): Scalar's standalone script, copied from npm so the page loads no code from a CDN, and the
// page itself, rendered once here so that the deployed Worker holds no renderer
// (src/meta/docs-page.ts reads it; the sandbox renders its own). `npm run check:generated` fails
// on a stale page.
import { realpathSync } from 'node:fs'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { docsHtml } from '../src/meta/docs-html.js'
import { DOCS_PAGE_ASSET } from '../src/meta/docs-page.js'

/** The page as deployed, and its place under the repository. */
export const DOCS_PAGE = { path: `public/${DOCS_PAGE_ASSET}`, html: () => docsHtml({ title: 'relaykit API' }) }

// Run as a script (the path may be a symlink to this file), not imported by scripts/generate.ts.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const script = resolve(root, 'public/docs/scalar.js')
  await mkdir(dirname(script), { recursive: true })
  await copyFile(resolve(root, 'node_modules/@scalar/api-reference/dist/browser/standalone.js'), script)
  await writeFile(resolve(root, DOCS_PAGE.path), await DOCS_PAGE.html())
  console.log('Wrote public/docs/: Scalar and the docs page')
}
