/// <reference types="node" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onCleanup } from './cleanup.js'

/** A fresh directory under the OS temp dir, removed when the bench ends (however it ends). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `relaykit-bench-${prefix}-`))
  onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
