// biome-ignore lint/style/noRestrictedImports: this test looks at the `z` the library extends.
import { z as extendedByLibrary } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'

// `zod` resolves to src/platform/zod.ts here as in the deployed bundle (wrangler.toml's [alias]):
// for relaykit's imports and @hono/zod-openapi's own, so the library extends zod without holding
// all of it (scripts/check-bundle.ts checks the bundle itself).

describe('zod, as the Worker resolves it', () => {
  it('gives @hono/zod-openapi a `z` holding only ZodType', () => {
    expect(Object.keys(extendedByLibrary)).toEqual(['ZodType'])
    expect(extendedByLibrary.ZodType).toBe(z.ZodType)
  })

  it('is extended with .openapi(), and validates and words its messages as zod does', () => {
    const schema = z.object({ owner: z.string().min(1).openapi({ description: 'x' }) }).strict()
    const result = schema.safeParse({ owner: '', extra: 1 })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => [issue.code, issue.message])).toEqual([
      ['too_small', 'Too small: expected string to have >=1 characters'],
      ['unrecognized_keys', 'Unrecognized key: "extra"'],
    ])
  })
})
