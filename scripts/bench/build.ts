/// <reference types="node" />
// The deployed build, made as `npm run deploy` makes it (scripts/deployed-worker.ts) and uploaded
// as it uploads it (--dry-run: nothing leaves the machine). It gives everything else the bench
// needs: the modules and bindings workerd serves (from the upload's own metadata, so wrangler.toml
// stays the one list of Durable Objects), the upload `wrangler check startup` profiles, the size
// Cloudflare counts, and esbuild's metafile for what makes it up.
import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildDeployedWorker, type DeployedWorker } from '../deployed-worker.js'
import { repoRoot, runGroup, wranglerBin, wranglerEnv } from '../local/processes.js'

/** workerd's name for each module type of wrangler's upload; source maps are not modules. */
const MODULE_TYPES: Record<string, string> = {
  'application/javascript+module': 'esModule',
  'application/javascript': 'commonJsModule',
  'text/plain': 'text',
  'application/octet-stream': 'data',
  'application/wasm': 'wasm',
  'application/json': 'json',
}

type Binding = { name: string; type: string; class_name?: string; script_name?: string; text?: string }
type Metafile = { outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }> }

export type Build = Awaited<ReturnType<typeof buildDeployed>>

/** The file of relaykit's that a path of the build names: dist/src/app.ts (scripts/deployed-sources.ts keeps its lines) is src/app.ts. */
const ownSource = (path: string) => path.replace(/^dist\//, '')

/** node_modules/@hono/zod-openapi/dist/x.js → @hono/zod-openapi; src/relays/github/x.ts → src/relays/github; src/platform/x.ts → src/platform. */
export function contributorOf(path: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.slice(path.lastIndexOf('node_modules/')))
  if (inPackage) return inPackage[1]!
  const folders = path.split('/').slice(0, -1)
  return folders.slice(0, folders[0] === 'src' && folders[1] === 'relays' ? 3 : 2).join('/') || path
}

/** One of zod's locales but its default (`en`, whose messages relaykit answers with): kept only when all of zod is (src/platform/zod.ts). */
const isUnusedZodLocale = (input: string) => input.includes('node_modules/zod/v4/locales/') && !/\/locales\/(en|index)\.js$/.test(input)

/** zod's JSON Schema conversion, which every zod schema refers to (src/platform/zod-json-schema-off.ts stands in for it). */
const isZodJsonSchema = (input: string) => /node_modules\/zod\/v4\/core\/(json-schema-processors|to-json-schema)\.js$/.test(input)

/** Bytes in the main module per contributor, largest first, and how many of them are zod's unused locales and its JSON Schema conversion. */
function contributors(metafile: Metafile) {
  const main = Object.values(metafile.outputs).find((output) => output.entryPoint !== undefined)
  if (!main) throw new Error('no entry point in the metafile')
  const totals = new Map<string, number>()
  let localesBytes = 0
  let jsonSchemaBytes = 0
  for (const [input, { bytesInOutput }] of Object.entries(main.inputs)) {
    const contributor = contributorOf(ownSource(input))
    totals.set(contributor, (totals.get(contributor) ?? 0) + bytesInOutput)
    if (isUnusedZodLocale(input)) localesBytes += bytesInOutput
    // esbuild leaves a few bytes for a module whose exports all went unused.
    if (isZodJsonSchema(input) && bytesInOutput > 100) jsonSchemaBytes += bytesInOutput
  }
  return { contributors: [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes), localesBytes, jsonSchemaBytes }
}

/** The upload of `worker`, built into `work` unless given. */
export async function buildDeployed(work: string, given?: DeployedWorker) {
  const worker = given ?? (await buildDeployedWorker(join(work, 'worker'), join(work, 'bundled')))
  const outdir = join(work, 'deployed')
  /** wrangler's multipart upload, which `wrangler check startup --worker` takes. */
  const bundlePath = join(work, 'worker.bundle')
  const args = ['deploy', '--dry-run', '--no-bundle', '--no-minify', worker.entry, '--config', join(repoRoot, 'wrangler.toml'), '--outdir', outdir, '--outfile', bundlePath]
  await runGroup(process.execPath, [wranglerBin, ...args], 120_000, { env: wranglerEnv })
  const upload = readFileSync(bundlePath)
  const boundary = upload.subarray(2, upload.indexOf(10)).toString()
  const form = await new Response(upload, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }).formData()
  const metadata = JSON.parse(String(form.get('metadata'))) as { main_module: string; bindings: Binding[]; compatibility_date: string; compatibility_flags?: string[] }

  const modules: Array<{ name: string; type: string; path: string }> = []
  const contents: Buffer[] = []
  for (const [field, value] of form) {
    if (typeof value === 'string' || value.type === 'application/source-map') continue
    const type = MODULE_TYPES[value.type]
    if (!type) throw new Error(`module ${field}: no workerd type for ${value.type}`)
    const name = field.replace(/^\.\//, '')
    // workerd runs the first module of the list: the main one.
    modules[name === metadata.main_module ? 'unshift' : 'push']({ name, type, path: join(outdir, name) })
    contents.push(Buffer.from(await value.arrayBuffer()))
  }
  const ownObjects = metadata.bindings.filter((binding) => binding.type === 'durable_object_namespace' && !binding.script_name)
  const vars = metadata.bindings.filter((binding) => binding.type === 'plain_text')
  const sourceMap = new SourceMap(JSON.parse(readFileSync(worker.map, 'utf8')))
  return {
    command: `${worker.command}, then terser (scripts/deployed-worker.ts); then wrangler ${args.join(' ')}`.replaceAll(work, 'DIR').replaceAll(repoRoot, '.'),
    bundlePath,
    modules,
    compatibilityDate: metadata.compatibility_date,
    compatibilityFlags: metadata.compatibility_flags ?? [],
    durableObjects: ownObjects.map((binding) => ({ binding: binding.name, className: binding.class_name! })),
    /** Plain `[vars]`, served as text bindings. */
    vars: Object.fromEntries(vars.map((binding) => [binding.name, binding.text ?? ''])),
    /** What plain workerd is not given, e.g. `AUDIT_DB (inherit)`. */
    unbound: metadata.bindings.filter((binding) => !ownObjects.includes(binding) && !vars.includes(binding)).map((binding) => `${binding.name} (${binding.type})`),
    minify: /^\s*minify\s*=\s*true/m.test(readFileSync(join(repoRoot, 'wrangler.toml'), 'utf8')),
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    /** As wrangler counts its "Total Upload": gzip over all the modules together. */
    gzipBytes: gzipSync(Buffer.concat(contents)).length,
    /** The same of wrangler's bundle, before terser. */
    wranglerGzipBytes: gzipSync(readFileSync(worker.bundled)).length,
    ...contributors(JSON.parse(readFileSync(worker.metafile, 'utf8'))),
    /** The source file of the main module's code at a 0-based line and column. */
    sourceAt(line: number, column: number): string | undefined {
      const { originalSource } = sourceMap.findEntry(line, column) as { originalSource?: string }
      return originalSource === undefined ? undefined : ownSource(relative(repoRoot, resolve(dirname(worker.map), originalSource)))
    },
  }
}
