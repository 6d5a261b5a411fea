import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import type { AppEnv } from './app-env.js'
import { handleError, handleNotFound } from './error-handler.js'
import type { Env } from './env.js'
import { validationHook } from './validation-hook.js'

// biome-ignore lint/suspicious/noExplicitAny: a relay's routes have their own Env; only their fetch is called.
type Routes = Hono<any, any, any>

/** Tests and scripts may call the app without one. */
function executionContextOf(c: Context): Context['executionCtx'] | undefined {
  try {
    return c.executionCtx
  } catch {
    return undefined
  }
}

/**
 * Answers with a relay's routes, built on the first request that reaches one of them: building a
 * relay's contract (its zod schemas) is most of what a relay costs, so the Worker starts without
 * any, and an isolate builds only the relays it is asked for. The routes run in an app of their
 * own that shares this request's variables both ways: the request id, error shape and settings
 * in, and what the request log and audit trail read (caller, error code, upstream status) out.
 */
export function lazyRoutes(build: () => Promise<Routes>, routedPath: (request: Request, options?: { env?: Env }) => string): MiddlewareHandler<AppEnv> {
  const parents = new WeakMap<Request, Context<AppEnv>>()
  let built: Promise<Routes> | undefined
  const assemble = async () => {
    const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, getPath: routedPath })
    app.use(async (c, next) => {
      const parent = parents.get(c.req.raw)
      if (!parent) throw new Error('a relay was asked outside the app that built it')
      for (const [name, value] of Object.entries(parent.var)) c.set(name as keyof AppEnv['Variables'], value as never)
      await next()
      for (const [name, value] of Object.entries(c.var)) parent.set(name as keyof AppEnv['Variables'], value as never)
    })
    app.route('/', await build())
    app.onError(handleError)
    app.notFound(handleNotFound)
    return app
  }
  return async (c) => {
    // A failed build (a module that did not load) is tried again by the next request.
    built ??= assemble().catch((error: unknown) => {
      built = undefined
      throw error
    })
    const routes = await built
    parents.set(c.req.raw, c)
    const answer = await routes.fetch(c.req.raw, c.env, executionContextOf(c))
    // newResponse keeps the headers set before the routes ran (the request id under another name).
    return c.newResponse(answer.body, answer)
  }
}
