/// <reference types="node" />
// Which input module a line of an unminified esbuild bundle came from: esbuild opens each
// module's code with a `// <path>` comment line, so the last such comment above a line names it.
import { readFileSync } from 'node:fs'

export interface BundleModules {
  /** The module at a 0-based line of the bundle (undefined before the first module comment). */
  moduleAt(line: number): string | undefined
  /** The text of a 0-based line, to check that a profile really refers to this bundle. */
  lineText(line: number): string
}

const MODULE_COMMENT = /^\/\/ (\S+\.(?:m?js|cjs|ts|mts|json))$/

export function readBundleModules(bundlePath: string): BundleModules {
  return bundleModules(readFileSync(bundlePath, 'utf8'))
}

export function bundleModules(source: string): BundleModules {
  const lines = source.split('\n')
  const starts: Array<{ line: number; module: string }> = []
  lines.forEach((text, line) => {
    const match = MODULE_COMMENT.exec(text)
    if (match) starts.push({ line, module: match[1]! })
  })
  return {
    moduleAt(line) {
      let low = 0
      let high = starts.length - 1
      let found: string | undefined
      while (low <= high) {
        const middle = (low + high) >> 1
        if (starts[middle]!.line <= line) {
          found = starts[middle]!.module
          low = middle + 1
        } else high = middle - 1
      }
      return found
    },
    lineText: (line) => lines[line] ?? '',
  }
}
