/// <reference types="node" />
// The bench measures a copy of the working tree taken when it starts. `wrangler dev` watches its
// sources and reloads (a new workerd process) whenever a file changes, and people edit src/ while
// the bench runs: on the live tree a reload mid-run would restart the Worker under measurement.
// The copy also makes the build and start-up stages measure the same code as the latency stages.
import { execFileSync } from 'node:child_process'
import { cpSync, symlinkSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { repoRoot } from './paths.js'
import { tempDir } from './temp-dir.js'

/** Not copied: dependencies (linked instead), git, wrangler's local state, and local secrets. */
const SKIPPED = new Set(['node_modules', '.git', '.wrangler', '.dev.vars', '.env'])

export function snapshotWorkTree(): string {
  const tree = tempDir('tree')
  cpSync(repoRoot, tree, {
    recursive: true,
    filter: (source) => {
      const top = relative(repoRoot, source).split(sep)[0] ?? ''
      return !SKIPPED.has(top) && !top.startsWith('.dev.vars') && !top.startsWith('.env')
    },
  })
  symlinkSync(join(repoRoot, 'node_modules'), join(tree, 'node_modules'), 'dir')
  return tree
}

/** The commit the working tree is on and how many files differ from it (read-only git calls). */
export function describeWorkTree(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()
    const changed = git('status', '--porcelain').split('\n').filter(Boolean).length
    return `the working tree at commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ` with ${changed} uncommitted change${changed === 1 ? '' : 's'} (files)` : ''}`
  } catch {
    return 'the working tree (git could not say which commit)'
  }
}
