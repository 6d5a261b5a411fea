/// <reference types="node" />
// `npm run build` writes dist/worker/index.js, the Worker `npm run deploy` uploads as it is
// (--no-bundle --no-minify). wrangler bundles and minifies it as `wrangler deploy` does
// (wrangler.toml: main, [alias], minify), and terser minifies that bundle once more: esbuild's
// minifier is made for speed, and terser's (shorter names for the most used ones, a second round
// of compression) leaves about 4 % less for gzip. Its source map leads back to the sources, as
// esbuild's does.
import { realpathSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'
import { repoRoot, runGroup, wranglerBin, wranglerEnv } from './local/processes.js'

type SourceMapFile = { sources: string[]; sourceRoot?: string }

export interface DeployedWorker {
  /** The main module, for `wrangler deploy --no-bundle`. */
  entry: string
  /** Its source map; its sources are relative to the map's folder. */
  map: string
  /** wrangler's bundle, before terser. */
  bundled: string
  /** esbuild's metafile of wrangler's bundle: what each input put into it. */
  metafile: string
  /** The `wrangler deploy` that bundled it. */
  command: string
}

/** Where `npm run build` writes the Worker, and wrangler's bundle of it (package.json's `deploy` names the first). */
export const DIST_WORKER = 'dist/worker'
const DIST_BUNDLE = 'dist/bundle'

const bundleArgs = (bundled: string) => ['deploy', '--dry-run', '--outdir', bundled, '--metafile', join(bundled, 'meta.json')]

/** The files of a Worker built into `outdir` from wrangler's bundle in `bundled`. */
function deployedWorkerIn(outdir: string, bundled: string): DeployedWorker {
  const entry = join(outdir, 'index.js')
  return { entry, map: `${entry}.map`, bundled: join(bundled, 'index.js'), metafile: join(bundled, 'meta.json'), command: `wrangler ${bundleArgs(bundled).join(' ')}` }
}

/** The Worker `npm run build` last built in dist/, without building it. */
export const distWorker = () => deployedWorkerIn(join(repoRoot, DIST_WORKER), join(repoRoot, DIST_BUNDLE))

/** Builds the Worker into dist/, as `npm run build` does. */
export const buildDistWorker = () => buildDeployedWorker(join(repoRoot, DIST_WORKER), join(repoRoot, DIST_BUNDLE))

/**
 * Builds the Worker into `outdir` (index.js and its map, nothing else: wrangler uploads every
 * module it finds there) from wrangler's bundle, which it writes, with its metafile, into `bundled`.
 */
export async function buildDeployedWorker(outdir: string, bundled: string): Promise<DeployedWorker> {
  await Promise.all([outdir, bundled].map((dir) => rm(dir, { recursive: true, force: true })))
  await runGroup(process.execPath, [wranglerBin, ...bundleArgs(bundled)], 120_000, { env: wranglerEnv })

  const code = await readFile(join(bundled, 'index.js'), 'utf8')
  const esbuildMap = JSON.parse(await readFile(join(bundled, 'index.js.map'), 'utf8')) as SourceMapFile
  const result = await minify(
    { 'index.js': code },
    // The bundle is an ES module; its exports (the Durable Object classes, the handler) keep their names.
    { module: true, compress: {}, mangle: {}, sourceMap: { content: JSON.stringify(esbuildMap), url: 'index.js.map' } },
  )
  if (result.code === undefined || typeof result.map !== 'string') throw new Error('terser returned no code or no source map')
  const map = JSON.parse(result.map) as SourceMapFile
  const mapRoot = resolve(bundled, esbuildMap.sourceRoot ?? '')
  map.sources = map.sources.map((source) => relative(outdir, resolve(mapRoot, source)).split(sep).join('/'))
  delete map.sourceRoot

  const worker = deployedWorkerIn(outdir, bundled)
  await writeWhole(worker.entry, result.code)
  await writeWhole(worker.map, JSON.stringify(map))
  return worker
}

/** Written whole, so a wrangler reading the folder never sees half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(`${path}.partial`, text)
  await rename(`${path}.partial`, path)
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const worker = await buildDistWorker()
  console.log(`Built ${relative(process.cwd(), worker.entry)}; \`npm run deploy\` uploads it.`)
}
