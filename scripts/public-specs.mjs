// Copies the committed specs (openapi/*.json) and the Copilot bridge's pages into the Worker's
// static assets, where the Worker reads them through its ASSETS binding (src/meta/spec-files.ts,
// src/relays/copilot/pages/page.ts): served from there they cost the Worker neither bundle bytes
// nor start-up time. So does the tokenizer's ranks file (2 MB), written as JSON from the installed
// gpt-tokenizer, which the Copilot bridge's count_tokens loads on first use. npm install, every
// wrangler build (wrangler.toml's [build]) and `npm run generate` write the copies;
// `npm run check:generated` fails on a stale one.
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Each committed spec and its copy, relative to the repository. */
export const SPEC_COPIES = { 'openapi/openapi.json': 'public/openapi.json', 'openapi/cf-openapi.json': 'public/cf-openapi.json' }

/** Where the ranks go; src/relays/copilot/bridge/messages-routes.ts reads them from that path. */
const TOKENIZER_RANKS = 'public/tokenizer/o200k_base.json'

/** Each page file and its copy, relative to the repository. */
export const PAGE_COPIES = Object.fromEntries(['setup.html', 'chat.html', 'shared.html'].map((file) => [`src/relays/copilot/pages/${file}`, `public/copilot/${file}`]))

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  for (const [source, copy] of Object.entries({ ...SPEC_COPIES, ...PAGE_COPIES })) {
    await mkdir(dirname(resolve(root, copy)), { recursive: true })
    await copyFile(resolve(root, source), resolve(root, copy))
  }
  const { default: ranks } = await import('gpt-tokenizer/bpeRanks/o200k_base')
  await mkdir(dirname(resolve(root, TOKENIZER_RANKS)), { recursive: true })
  await writeFile(resolve(root, TOKENIZER_RANKS), JSON.stringify(ranks))
}
