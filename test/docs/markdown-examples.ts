/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { repoRoot } from '../../scripts/local/processes.js'

// The code blocks of README.md and docs/: what a reader would copy and run.

export interface Example {
  /** `docs/relays/github.md:42`, where the block starts. */
  where: string
  file: string
  language: 'sh' | 'ts'
  code: string
  /** Lines the block's output must contain: the `text` block right after it, if any. */
  expected: string[]
  /** Why it is not run here (`no-run`): it needs a Cloudflare account, or starts a long-running process. */
  notRun: boolean
}

/** The markdown files a user reads. */
export function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? docs(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : []))
  return [join(repoRoot, 'README.md'), ...docs(join(repoRoot, 'docs')).sort()].map((file) => relative(repoRoot, file))
}

const FENCE = /^```([\w-]*)(?: (no-run))?\n([\s\S]*?)^```\n/gm

export function examplesOf(file: string): Example[] {
  const text = readFileSync(join(repoRoot, file), 'utf8')
  const blocks = [...text.matchAll(FENCE)].map((match) => ({
    language: match[1] ?? '',
    notRun: match[2] === 'no-run',
    code: match[3] ?? '',
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
  }))
  return blocks.flatMap((block, index) => {
    if (block.language !== 'sh' && block.language !== 'ts') return []
    const next = blocks[index + 1]
    const output = next?.language === 'text' && text.slice(block.end, next.start).trim() === '' ? next.code : ''
    return [
      {
        where: `${file}:${text.slice(0, block.start).split('\n').length}`,
        file,
        language: block.language,
        code: block.code,
        expected: output
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        notRun: block.notRun,
      },
    ]
  })
}
