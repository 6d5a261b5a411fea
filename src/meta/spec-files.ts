declare module '../platform/env.js' {
  interface Env {
    /** The Worker's static assets (wrangler.toml's [assets]): Scalar's script and the committed specs. */
    ASSETS?: Fetcher
  }
}

/** A committed OpenAPI document, as scripts/generate.ts writes it. */
export interface CommittedDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  servers: { url: string }[]
  paths: Record<string, unknown>
}

/**
 * One of the committed specs, read from the static assets (scripts/public-specs.mjs puts them
 * there) on the request that asks for it, so that neither their bytes nor their parsing count
 * against the Worker's bundle or start-up. No URL serves the raw file: wrangler.toml sends every
 * request but Scalar's script to the Worker first.
 */
export async function readSpec(assets: Fetcher | undefined, file: 'openapi.json' | 'cf-openapi.json'): Promise<CommittedDocument> {
  if (!assets) throw new Error('The ASSETS binding is missing: wrangler.toml declares it under [assets].')
  const response = await assets.fetch(`https://assets.invalid/${file}`)
  if (!response.ok) throw new Error(`The static asset ${file} answered ${response.status}: run \`npm run generate\`.`)
  return response.json()
}
