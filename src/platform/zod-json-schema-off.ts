// What zod's JSON Schema conversion resolves to in every wrangler build (wrangler.toml's [alias]
// names zod's own import specifiers for it). Every zod schema refers to its converter, so the
// bundle kept all of them (18 KiB) though nothing in the Worker converts a schema: the documents
// are built from the contracts by scripts/generate.ts and the tests, with the real zod
// (vitest.config.ts leaves this alias out). Asking a schema for its JSON Schema here says so
// instead of answering wrong.

const off = (): never => {
  throw new Error('zod’s JSON Schema conversion is not in the Worker: `npm run generate` builds the documents')
}

export const toJSONSchema = off
// Behind a schema's `minLength`, `maxValue` and the like, which only documents read.
export const aggregateChecks = off
export const createToJSONSchemaMethod = () => off
export const createStandardJSONSchemaMethod = () => off
