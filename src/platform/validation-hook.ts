import type { Hook } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from './app-env.js'
import { errorResponse } from './error-handler.js'
import { RelayError } from './relay-error.js'

/** Every contract's validation failure becomes one 422 naming each field and the rule it broke. */
// Typed for any env: every relay's app, whatever its variables, shares this one hook.
// biome-ignore lint/suspicious/noExplicitAny: the hook serves every relay app, whatever its env and route types.
export const validationHook: Hook<any, any, any, any> = (result, c: Context<AppEnv>) => {
  if (result.success) return
  const where = result.target === 'json' ? 'body' : result.target
  // A field the contract does not accept is named itself, not the object holding it.
  const details = result.error.issues.flatMap((issue) =>
    (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]).map((path) => ({
      field: [where, ...path.map(String)].join('.'),
      rule: issue.code,
      message: issue.message,
    })),
  )
  const summary = details
    .map((detail) => `${detail.field}: ${detail.message}`)
    .slice(0, 3)
    .join('; ')
  return errorResponse(c, new RelayError(422, 'validation_failed', `The request is invalid: ${summary}.`, { details }))
}
