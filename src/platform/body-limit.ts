import type { MiddlewareHandler } from 'hono'
import { bodyLimit as honoBodyLimit } from 'hono/body-limit'
import type { AppEnv } from './app-env.js'
import type { Env, SettingName } from './env.js'
import { RelayError } from './relay-error.js'

/**
 * Refuses a request body larger than `maxBytes(env)` with 413 naming the setting, before any of
 * it reaches a handler. The limit is read once per bindings object.
 */
export function bodyLimit(setting: SettingName, maxBytes: (env: Env) => number): MiddlewareHandler<AppEnv> {
  const limits = new WeakMap<Env, MiddlewareHandler<AppEnv>>()
  return (c, next) => {
    let limit = limits.get(c.env)
    if (!limit) {
      const bytes = maxBytes(c.env)
      limit = honoBodyLimit({
        maxSize: bytes,
        onError: () => {
          throw new RelayError(413, 'body_too_large', `The request body is larger than ${bytes} bytes (${setting}).`)
        },
      })
      limits.set(c.env, limit)
    }
    return limit(c, next)
  }
}
