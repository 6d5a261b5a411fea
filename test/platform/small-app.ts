import { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/app-env.js'
import { handleError, handleNotFound } from '../../src/platform/error-handler.js'
import { requestId } from '../../src/platform/request-id.js'

/** A bare app with only what a middleware under test needs around it: a request id and relaykit's error handling. */
export function smallApp() {
  const app = new Hono<AppEnv>()
  app.use(requestId())
  app.onError(handleError)
  app.notFound(handleNotFound)
  return app
}
