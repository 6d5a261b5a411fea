import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'

// The house rules, checked on the sources themselves: what may import what.

const sources = import.meta.glob<string>('../../src/**/*.ts', { query: '?raw', import: 'default', eager: true })
const files = Object.fromEntries(Object.entries(sources).map(([path, text]) => [normalize(path.replace('../../', '')), text]))

/**
 * The relative imports of a file, resolved to repository paths (`src/…/x.ts`); packages as their
 * names. `atStartup`: only what loading the file loads with it, neither `import()` nor `import type`.
 */
function importsOf(file: string, { atStartup = false } = {}): string[] {
  const matches = [...(files[file] ?? '').matchAll(/(?:^|\n)\s*(?:import|export)(\s+type\s)?[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)]
  const loaded = (match: RegExpMatchArray) => [...(atStartup && match[1] ? [] : [match[2]]), match[3], ...(atStartup ? [] : [match[4]])]
  const specifiers = matches.flatMap((match) => loaded(match).filter((specifier) => specifier !== undefined))
  return specifiers.map((specifier) => (specifier.startsWith('.') ? normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts') : specifier))
}

/** Every file a file reaches through its imports, itself included. */
function reachedFrom(file: string, options?: { atStartup: boolean }, reached = new Set<string>()): Set<string> {
  if (reached.has(file) || !(file in files)) return reached
  reached.add(file)
  for (const imported of importsOf(file, options)) reachedFrom(imported, options, reached)
  return reached
}

const isFake = (path: string) => /(^|\/)fake(s)?(\/|-|\.ts$)/.test(path.replace(/^src\//, ''))
const isContract = (path: string) => /(^|\/)contract(s)?(\/|\.ts$)/.test(path)
const relayOf = (path: string) => /^src\/relays\/([^/]+)\//.exec(path)?.[1]

function breaches(rule: (file: string, imported: string) => boolean) {
  return Object.keys(files).flatMap((file) => importsOf(file).flatMap((imported) => (rule(file, imported) ? [`${file} → ${imported}`] : [])))
}

describe('import rules', () => {
  it('reads the sources', () => {
    expect(Object.keys(files).length).toBeGreaterThan(50)
    expect(importsOf('src/app.ts')).toContain('src/relays.ts')
  })

  it('platform/ imports nothing from relays, upstreams, dialects, the sandbox or the app', () => {
    const forbidden = /^src\/(relays|upstreams|dialects|sandbox|meta)\/|^src\/(relays|app|index)\.ts$/
    expect(breaches((file, imported) => file.startsWith('src/platform/') && forbidden.test(imported))).toEqual([])
  })

  it('no relay imports another relay', () => {
    expect(breaches((file, imported) => relayOf(file) !== undefined && relayOf(imported) !== undefined && relayOf(file) !== relayOf(imported))).toEqual([])
  })

  it('contract files import only zod, @hono/zod-openapi, other contract files and files that import nothing', () => {
    const allowed = (imported: string) => ['zod', '@hono/zod-openapi'].includes(imported) || isContract(imported) || importsOf(imported).length === 0
    expect(breaches((file, imported) => isContract(file) && !allowed(imported))).toEqual([])
  })

  it('only the sandbox, other fakes and tests import fakes', () => {
    expect(breaches((file, imported) => isFake(imported) && !file.startsWith('src/sandbox/') && !isFake(file) && !file.endsWith('.test.ts'))).toEqual([])
  })

  it('nothing the deployed entry imports reaches the sandbox or a fake', () => {
    const reached = reachedFrom('src/index.ts')
    expect(reached.size).toBeGreaterThan(50)
    expect([...reached].filter((file) => file.startsWith('src/sandbox/') || isFake(file))).toEqual([])
  })

  it("the Worker starts without zod, any relay's routes or their contracts: each relay's, and zod with them, are imported on its first request", () => {
    const atStartup = reachedFrom('src/index.ts', { atStartup: true })
    expect(atStartup).toContain('src/relays/github/index.ts')
    const importsZod = (file: string) => importsOf(file, { atStartup: true }).some((imported) => imported === 'zod' || imported === '@hono/zod-openapi')
    expect([...atStartup].filter(importsZod)).toEqual([])
  })

  it('every file that gives a schema .openapi() metadata imports @hono/zod-openapi, which adds .openapi() to zod, so it works whatever loads first', () => {
    const givesMetadata = (file: string) => !file.endsWith('.test.ts') && /\.openapi\(\s*['{`]/.test(files[file] ?? '')
    const withMetadata = Object.keys(files).filter(givesMetadata)
    expect(withMetadata.length).toBeGreaterThan(10)
    expect(withMetadata.filter((file) => !importsOf(file, { atStartup: true }).includes('@hono/zod-openapi'))).toEqual([])
  })
})
