// Which npm package (or which part of relaykit) a bundled input file belongs to, so that sizes
// and CPU samples can be summed per contributor.

/** What wrangler adds around a Worker (its dev middleware, esbuild's helpers). */
export const GLUE = "wrangler's glue"

/**
 * e.g. node_modules/@hono/zod-openapi/dist/index.js → @hono/zod-openapi; src/platform/x.ts →
 * relaykit src/platform; src/relays/github/routes.ts → relaykit src/relays/github; other files
 * (the committed specs) by their own path.
 */
export function packageOf(inputPath: string): string {
  const path = inputPath.replace(/\\/g, '/')
  const at = path.lastIndexOf('node_modules/')
  if (at !== -1) {
    const [first, second] = path.slice(at + 'node_modules/'.length).split('/')
    if (first === 'wrangler') return GLUE
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? path)
  }
  // relaykit's own code: per relay, else per top-level folder of src/.
  const relay = /(?:^|\/)src\/relays\/([^/]+)\//.exec(path)
  if (relay) return `relaykit src/relays/${relay[1]}`
  const src = /(?:^|\/)src\/([^/]+)\//.exec(path)
  if (src) return `relaykit src/${src[1]}`
  if (/(?:^|\/)src\/[^/]+$/.test(path)) return 'relaykit src/*'
  return path.includes('wrangler') ? GLUE : path
}
