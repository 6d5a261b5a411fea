/// <reference types="node" />
// `npm run check:bundle`: builds the Worker as `npm run deploy` does (--dry-run: nothing is
// uploaded) and fails if zod's locales are back in it, which happens when a `z` holding all of zod
// is passed around as a value (src/platform/zod.ts says how that is avoided), or if the OpenAPI
// generator or zod's JSON Schema conversion is (wrangler.toml's [alias] puts
// src/platform/openapi-documents-off.ts and src/platform/zod-json-schema-off.ts in their place),
// or if the operations' prose is (scripts/deployed-sources.ts leaves it out of what is bundled), or
// Scalar's page renderer (the deployed Worker serves the page scripts/docs-assets.ts renders).
// Prints the size Cloudflare counts; BENCHMARKS.md has the rest.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildDeployed } from './bench/build.js'
import { kib } from './bench/numbers.js'
import { repoRoot } from './local/processes.js'

/** The summaries of openapi.json's operations that the bundle would hold as they are, in quotes, if they were in it. */
function operationSummaries(): string[] {
  const spec = JSON.parse(readFileSync(join(repoRoot, 'openapi/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { summary?: string }>> }
  return Object.values(spec.paths)
    .flatMap((operations) => Object.values(operations).map((operation) => operation.summary ?? ''))
    .filter((summary) => summary.length > 0 && !/['"`\\]/.test(summary))
}

const work = mkdtempSync(join(tmpdir(), 'relaykit-bundle-'))
try {
  const build = await buildDeployed(work)
  console.log(`Deployed bundle: ${kib(build.gzipBytes)} gzip (${kib(build.bytes)}); zod's unused locales: ${kib(build.localesBytes)}.`)
  if (build.localesBytes > 0) {
    console.error("zod's locales are in the deployed bundle: something passes zod's whole namespace as a value. Import zod as `import * as z from 'zod'` (src/platform/zod.ts).")
    process.exitCode = 1
  }
  if (build.jsonSchemaBytes > 0) {
    console.error(
      `zod's JSON Schema conversion is in the deployed bundle (${kib(build.jsonSchemaBytes)}): wrangler.toml's [alias] for zod's specifiers of it no longer applies (did zod move it?).`,
    )
    process.exitCode = 1
  }
  const generator = build.contributors.find((contributor) => contributor.name === '@asteasolutions/zod-to-openapi')
  if (generator) {
    console.error(`The OpenAPI generator is in the deployed bundle (${kib(generator.bytes)}): wrangler.toml's [alias] for @asteasolutions/zod-to-openapi no longer applies.`)
    process.exitCode = 1
  }
  const renderer = build.contributors.find((contributor) => contributor.name.startsWith('@scalar/'))
  if (renderer) {
    console.error(`Scalar's page renderer (${renderer.name}) is in the deployed bundle: only the sandbox and scripts/docs-assets.ts may import src/meta/docs-html.ts.`)
    process.exitCode = 1
  }
  const bundle = readFileSync(build.modules[0]!.path, 'utf8')
  const prose = operationSummaries().filter((summary) => ['"', "'", '`'].some((quote) => bundle.includes(`${quote}${summary}${quote}`)))
  if (prose.length > 0) {
    console.error(
      `${prose.length} operation summaries are in the deployed bundle, e.g. "${prose[0]}": scripts/deployed-sources.ts no longer takes the documents' prose out of dist/.`,
    )
    process.exitCode = 1
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
