import { ZodType } from 'zod/v4'

// What `zod` resolves to wherever the Worker is built or tested (wrangler.toml's [alias];
// vitest.config.ts applies it too): zod, export by export, so the bundle keeps only what is used.
// Its `z` export alone differs. @hono/zod-openapi passes the `z` it imports to extendZodWithOpenApi,
// which patches ZodType.prototype and reads nothing else; zod's own `z` is its whole namespace, and
// a namespace passed as a value keeps every export of zod in the bundle, all its locales included
// (`npm run check:bundle` fails if they come back). So relaykit writes `import * as z from 'zod'`,
// never `import { z }` (biome.json refuses it).
export * from 'zod/v4'

export const z = { ZodType }
export default z
