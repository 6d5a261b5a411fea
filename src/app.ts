import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from './platform/app-env.js'
import type { Env } from './platform/env.js'
import { handleError, handleNotFound } from './platform/error-handler.js'
import type { GitHubFetch } from './platform/github/client.js'
import { originPolicy } from './platform/origin-policy.js'
import { perEnv } from './platform/per-env.js'
import { RelayError } from './platform/relay-error.js'
import { requestId } from './platform/request-id.js'
import { requestLog } from './platform/request-log.js'
import { SettingsReader } from './platform/settings.js'
import { validationHook } from './platform/validation-hook.js'
import { githubRelay } from './relays/github/routes.js'
import { githubRelayState } from './relays/github/settings.js'
import { metaRoutes } from './relays/meta/routes.js'
import { operatorRelay } from './relays/operator/routes.js'
import { operatorRelayState } from './relays/operator/settings.js'

export interface AppDependencies {
  /** How relaykit reaches GitHub; tests pass a fake held to GitHub's contract. */
  githubFetch?: GitHubFetch
}

/** Just under ChatGPT's 100,000-character action payload limit. */
const DEFAULT_MAX_BODY_BYTES = 100_000

const platformSettings = perEnv((env: Env) => {
  const reader = new SettingsReader(env)
  return {
    allowedOrigins: reader.list('ALLOWED_ORIGINS', (origin) => {
      if (new URL(origin).origin !== origin) throw new Error('must be an origin like https://app.example.com')
      return origin
    }),
    maxBodyBytes: reader.integer('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1_024, 10_000_000),
  }
})

/** Builds the Worker: platform middleware first, then every relay's contract-checked routes. */
export function createApp({ githubFetch = (request) => fetch(request) }: AppDependencies = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.use(requestId(), requestLog(), secureHeaders())
  app.use(originPolicy((env) => platformSettings(env).allowedOrigins))
  app.use((c, next) =>
    bodyLimit({
      maxSize: platformSettings(c.env).maxBodyBytes,
      onError: () => {
        throw new RelayError(413, 'body_too_large', `The request body is larger than ${platformSettings(c.env).maxBodyBytes} bytes (MAX_BODY_BYTES).`)
      },
    })(c, next),
  )

  app.route('/', githubRelay(githubFetch))
  app.route('/', operatorRelay(githubFetch))
  app.route('/', metaRoutes({ github: githubRelayState, operator: operatorRelayState }))

  app.onError(handleError)
  app.notFound(handleNotFound)
  return app
}
