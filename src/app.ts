import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from './platform/app-env.js'
import { handleError, handleNotFound } from './platform/error-handler.js'
import type { GitHubFetch } from './platform/github/client.js'
import { originPolicy } from './platform/origin-policy.js'
import { perEnv } from './platform/per-env.js'
import { platformSettings } from './platform/platform-settings.js'
import { RelayError } from './platform/relay-error.js'
import { requestId } from './platform/request-id.js'
import { requestLog } from './platform/request-log.js'
import { validationHook } from './platform/validation-hook.js'
import { auditRelay } from './relays/audit/routes.js'
import { auditRelayState } from './relays/audit/settings.js'
import { githubRelay } from './relays/github/routes.js'
import { githubRelayState } from './relays/github/settings.js'
import { metaRoutes } from './relays/meta/routes.js'
import { operatorRelay } from './relays/operator/routes.js'
import { operatorRelayState } from './relays/operator/settings.js'

export interface AppDependencies {
  /** How relaykit reaches GitHub; tests pass a fake held to GitHub's contract. */
  githubFetch?: GitHubFetch
}

const bodyLimitFor = perEnv((env) => {
  const { maxBodyBytes } = platformSettings(env)
  return bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new RelayError(413, 'body_too_large', `The request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES).`)
    },
  })
})

/** Builds the Worker: platform middleware first, then every relay's contract-checked routes. */
export function createApp({ githubFetch = (request) => fetch(request) }: AppDependencies = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.use(requestId(), requestLog(), secureHeaders())
  app.use(originPolicy((env) => platformSettings(env).allowedOrigins))
  app.use((c, next) => bodyLimitFor(c.env)(c, next))

  app.route('/', githubRelay(githubFetch))
  app.route('/', operatorRelay(githubFetch))
  app.route('/', auditRelay())
  app.route('/', metaRoutes({ github: githubRelayState, operator: operatorRelayState, audit: auditRelayState }))

  app.onError(handleError)
  app.notFound(handleNotFound)
  return app
}
