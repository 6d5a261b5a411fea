import { readAsset } from '../platform/static-asset.js'

/** A committed OpenAPI document, as scripts/generate.ts writes it. */
export interface CommittedDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  servers: { url: string }[]
  paths: Record<string, unknown>
}

/** One of the committed specs, read from the static assets (scripts/public-specs.mjs puts them there) on the request that asks for it. */
export async function readSpec(assets: Fetcher | undefined, file: 'openapi.json' | 'cf-openapi.json'): Promise<CommittedDocument> {
  return (await readAsset(assets, file)).json()
}
