import * as z from 'zod'

/** A required JSON request body with an example (Scalar's "try it" starts from the example). */
export const jsonBody = <T extends z.ZodType>(schema: T, example: z.input<T>) => ({
  required: true,
  content: { 'application/json': { schema, example } },
})

/** A JSON response, with the headers it documents. */
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T, headers?: z.ZodObject) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
})

/**
 * How many arrays or objects deep free-form JSON (a value whose shape the caller chooses) may
 * nest, the value itself counted. Real payloads stay far below it; what goes deeper only serves
 * to exhaust the stack of whatever walks it next.
 */
export const MAX_JSON_DEPTH = 32

/** Whether `value` nests at most `limit` arrays or objects deep. Walked level by level, never recursively. */
export function nestsWithin(value: unknown, limit: number): boolean {
  let level: unknown[] = [value]
  for (let depth = 0; ; depth++) {
    const containers = level.filter((item): item is object => typeof item === 'object' && item !== null)
    if (containers.length === 0) return true
    if (depth === limit) return false
    level = containers.flatMap((container) => Object.values(container))
  }
}

/**
 * A JSON object whose keys and values the caller chooses, nested at most MAX_JSON_DEPTH deep.
 * Every free-form field of a contract is one of these, so the bound holds on every route.
 */
export const freeFormObject = () =>
  z.record(z.string(), z.unknown()).refine((value) => nestsWithin(value, MAX_JSON_DEPTH), { message: `must nest at most ${MAX_JSON_DEPTH} arrays or objects deep`, abort: true })

/** Said by every schema that passes a caller's JSON on, so a client knows the bound before it meets it. */
export const DEPTH_BOUND = `Its JSON may be nested at most ${MAX_JSON_DEPTH} levels deep.`

/** A request body passed on to an upstream as it came: its fields are the caller's, its depth is bounded. */
export const boundedDepth = <T extends z.ZodType>(schema: T) =>
  schema.refine((value) => nestsWithin(value, MAX_JSON_DEPTH), { message: `must nest at most ${MAX_JSON_DEPTH} arrays or objects deep`, abort: true })
