import type { Env } from './env.js'

/**
 * Reads configuration once per bindings object rather than on every request: the runtime hands
 * an isolate the same `env` for each request, and a WeakMap lets a replaced one be collected.
 */
export function perEnv<T>(read: (env: Env) => T): (env: Env) => T {
  const cache = new WeakMap<Env, T>()
  return (env) => {
    let value = cache.get(env)
    if (value === undefined) {
      value = read(env)
      cache.set(env, value)
    }
    return value
  }
}
