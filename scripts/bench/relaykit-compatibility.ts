/// <reference types="node" />
// relaykit's compatibility date and flags, read from its wrangler.toml, so that the bare Workers
// run on exactly the same runtime behaviour (passed on wrangler's command line: the bench's own
// config files cannot drift from relaykit's).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** From the wrangler.toml in the work tree `tree`. */
export function relaykitCompatibilityArgs(tree: string): string[] {
  const toml = readFileSync(resolve(tree, 'wrangler.toml'), 'utf8')
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1]
  const flags = [...(/^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1]!)
  if (!date) throw new Error('no compatibility_date in wrangler.toml')
  return ['--compatibility-date', date, ...flags.flatMap((flag) => ['--compatibility-flags', flag])]
}
