import type { Context } from 'hono'

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * The request's body as a JSON object, for middleware that runs before the contract's validator;
 * anything else (no JSON type, a parse error, an array) is undefined and left for the validator
 * to refuse. Hono caches the parsed body, so the validator does not read it twice.
 */
export async function jsonObjectBody(c: Context): Promise<Record<string, unknown> | undefined> {
  if (!JSON_TYPE.test(c.req.header('Content-Type')?.split(';')[0]?.trim() ?? '')) return undefined
  const body: unknown = await c.req.json().catch(() => undefined)
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined
}
