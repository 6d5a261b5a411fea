import type * as z from 'zod'

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
