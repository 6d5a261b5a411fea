import * as z from 'zod'

// The deployed Worker builds no OpenAPI document (it serves the committed ones), so there
// `.openapi()` returns its schema as it is, instead of cloning it and recording the metadata: the
// contracts call it on most of their schemas, and start-up paid for every call. src/index.ts
// imports this module first, before @hono/zod-openapi extends zod, and the extension leaves an
// `openapi` already present in place. Where the extension came first (the sandbox's entry, and
// the tests and scripts/generate.ts, which build documents), this module changes nothing.
const prototype = z.ZodType.prototype as { openapi?: unknown }
prototype.openapi ??= function (this: z.ZodType) {
  return this
}
