/// <reference types="node" />
// relaykit's deployable bundle, built exactly as `wrangler deploy` builds it (--dry-run: nothing is
// uploaded), plus a minified build for comparison (deploy does not minify; wrangler.toml could).
// Sizes are the script's own (static assets are uploaded separately); gzip is what Cloudflare's
// size limit counts. Contributors come from esbuild's metafile.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { packageOf } from './package-of.js'
import { wranglerBin, wranglerEnv } from './paths.js'
import { runCommand } from './run-command.js'

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }>; entryPoint?: string }>
}

export interface BuildSize {
  bytes: number
  gzipBytes: number
  /** Bytes in the output per package, largest first. */
  contributors: Array<{ name: string; bytes: number }>
}

export interface BundleResult {
  deployed: BuildSize
  minified: BuildSize
  /** The unminified bundle's path (startup profiles are mapped onto it). */
  bundlePath: string
}

async function build(tree: string, outdir: string, minify: boolean): Promise<{ size: BuildSize; bundlePath: string }> {
  const metafilePath = join(outdir, 'meta.json')
  const args = [wranglerBin, 'deploy', '--dry-run', '--outdir', outdir, '--metafile', metafilePath, ...(minify ? ['--minify'] : [])]
  const result = await runCommand(process.execPath, args, { cwd: tree, env: wranglerEnv, timeoutMs: 120_000 })
  if (result.code !== 0) throw new Error(`wrangler ${args.slice(1).join(' ')} failed (${result.code}):\n${result.output}`)
  const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile
  const [outputPath, output] = Object.entries(metafile.outputs).find(([path, out]) => path.endsWith('.js') && out.entryPoint !== undefined) ?? []
  if (!outputPath || !output) throw new Error(`no entry output in ${metafilePath}`)
  const bundlePath = resolve(tree, outputPath)
  const code = readFileSync(bundlePath)
  const perPackage = new Map<string, number>()
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input)
    perPackage.set(name, (perPackage.get(name) ?? 0) + bytesInOutput)
  }
  const contributors = [...perPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes)
  return { size: { bytes: code.length, gzipBytes: gzipSync(code).length, contributors }, bundlePath }
}

/** Builds relaykit from the work tree `tree` into `workDir`. */
export async function measureBundle(tree: string, workDir: string): Promise<BundleResult> {
  const deployed = await build(tree, join(workDir, 'deployed'), false)
  const minified = await build(tree, join(workDir, 'minified'), true)
  return { deployed: deployed.size, minified: minified.size, bundlePath: deployed.bundlePath }
}
