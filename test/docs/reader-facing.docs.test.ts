/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { repoRoot } from '../../scripts/local/processes.js'

// What a reader reads stays true. docs/settings.md: every setting and binding the code declares (the platform's Env and
// what each relay and upstream adds to it) is documented there, and nothing else is.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(dir, entry.name)] : [],
  )
}

const declared = new Set(
  sources(join(repoRoot, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/interface Env \{([\s\S]*?)\n\s*\}/g)].flatMap(([, body]) =>
      [...(body ?? '').matchAll(/^\s*([A-Z][A-Z0-9_]+)\?:/gm)].map(([, name]) => name ?? ''),
    ),
  ),
)
const documented = new Set([...readFileSync(join(repoRoot, 'docs/settings.md'), 'utf8').matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map(([, name]) => name ?? ''))

it('documents every setting and binding the code reads, and no other', () => {
  expect(declared.size).toBeGreaterThan(30)
  expect([...declared].filter((name) => !documented.has(name)).sort(), 'declared but not in docs/settings.md').toEqual([])
  expect([...documented].filter((name) => !declared.has(name)).sort(), 'in docs/settings.md but read nowhere').toEqual([])
})

it('says nothing a reader cannot place: no notes on where a behaviour came from in the docs, the specs or the example page', () => {
  const read = [
    'README.md',
    'openapi/openapi.json',
    'openapi/cf-openapi.json',
    'examples/chatkit.html',
    ...readdirSync(join(repoRoot, 'docs'), { recursive: true }).map((file) => `docs/${file}`),
  ]
    .filter((file) => file.endsWith('.md') || file.endsWith('.json') || file.endsWith('.html'))
    .map((file) => [file, readFileSync(join(repoRoot, file), 'utf8')] as const)
  expect(read.flatMap(([file, text]) => [...text.matchAll(/\bseeds? \d{3}\b|design card/gi)].map((match) => `${file}: ${match[0]}`))).toEqual([])
})
