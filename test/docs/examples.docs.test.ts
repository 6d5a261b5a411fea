/// <reference types="node" />
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../scripts/local/processes.js'
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev-process.js'
import { type Example, examplesOf, markdownFiles } from './markdown-examples.js'

// Every shell and TypeScript block of README.md and docs/ runs here as written, against the
// sandbox as `npm start` serves it (a fresh one per page, so pages do not share rate limits),
// with only its address changed from localhost:8787 to the sandbox's port. A block passes when
// it exits 0 and prints every line of the `text` block that follows it. Blocks marked `no-run`
// need a Cloudflare account or a deployment, or start a long-running process; each must show
// why by what it runs.

const NOT_RUN_HERE = /wrangler (login|deploy|secret put|tail|d1 create)|db:migrate:remote|npm (install|ci|start|test|run dev|run deploy)|https:\/\/<your-worker>|^claude /m
const TIMEOUT_MS = 30_000

function run(example: Example, baseUrl: string, cwd: string) {
  const code = example.code.replaceAll('http://localhost:8787', baseUrl).replaceAll('localhost:8787', baseUrl.replace('http://', ''))
  if (example.language === 'sh') return spawnSync('bash', ['-euo', 'pipefail', '-c', code], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS })
  // At the repository root, so `./generated/client` and the installed packages resolve as they do for a reader.
  const file = join(repoRoot, `.docs-example-${process.pid}.ts`)
  writeFileSync(file, code)
  try {
    return spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [file], { cwd: repoRoot, encoding: 'utf8', timeout: TIMEOUT_MS })
  } finally {
    rmSync(file, { force: true })
  }
}

const pages = markdownFiles()
  .map((file) => ({ file, examples: examplesOf(file) }))
  .filter(({ examples }) => examples.length > 0)

it('finds the examples of the README and the docs', () => {
  expect(pages.map(({ file }) => file)).toContain('README.md')
  expect(pages.flatMap(({ examples }) => examples).filter((example) => !example.notRun).length).toBeGreaterThan(10)
})

describe.each(pages)('$file', ({ examples }) => {
  let sandbox: WranglerDev
  let cwd: string

  beforeAll(async () => {
    if (examples.every((example) => example.notRun)) return
    sandbox = await startWranglerDev({ entry: 'dist/src/sandbox/index.ts', vars: {}, applyMigrations: true })
    cwd = mkdtempSync(join(tmpdir(), 'relaykit-docs-'))
  })

  afterAll(async () => {
    await sandbox?.stop()
    if (cwd) rmSync(cwd, { recursive: true, force: true })
  })

  it.each(examples.map((example) => [example.where, example] as const))('%s', (_, example) => {
    if (example.notRun) {
      expect(example.code, 'a no-run block must be one that needs an account or keeps running').toMatch(NOT_RUN_HERE)
      return
    }
    const result = run(example, sandbox.baseUrl, cwd)
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
    expect(result.status, `exit status; output:\n${output}\n--- wrangler ---\n${sandbox.log().slice(-2000)}`).toBe(0)
    for (const line of example.expected) expect(output, `the output should contain: ${line}`).toContain(line)
  })
})
