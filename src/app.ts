import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from './platform/app-env.js'
import { handleError, handleNotFound } from './platform/error-handler.js'
import type { GitHubFetch } from './upstreams/github/client.js'
import type { IdentityFetch } from './platform/auth/access-token-verifier.js'
import type { OpenAIFetch } from './upstreams/openai/fetch.js'
import { originPolicy } from './platform/origin-policy.js'
import { perEnv } from './platform/per-env.js'
import { platformSettings } from './platform/platform-settings.js'
import { RelayError } from './platform/relay-error.js'
import { requestId } from './platform/request-id.js'
import { requestLog } from './platform/request-log.js'
import { rootRelayPath } from './platform/root-relay.js'
import { validationHook } from './platform/validation-hook.js'
import { auditRelay } from './relays/audit/routes.js'
import { auditRelayState } from './relays/audit/settings.js'
import { chatkitRelay } from './relays/chatkit/routes.js'
import { chatkitRelayState } from './relays/chatkit/settings.js'
import { gatewayRelay } from './relays/gateway/routes.js'
import { gatewayRelayState } from './relays/gateway/settings.js'
import { githubRelay } from './relays/github/routes.js'
import { githubRelayState } from './relays/github/settings.js'
import { metaRoutes } from './meta/routes.js'
import { operatorRelay } from './relays/operator/routes.js'
import { operatorRelayState } from './relays/operator/settings.js'
import { openaiRelay } from './relays/openai/routes.js'
import { openaiRelayState } from './relays/openai/settings.js'
import { sandboxRoutes } from './sandbox/routes.js'

/** How relaykit reaches each upstream; tests pass fakes held to the upstreams' contracts. */
export interface AppDependencies {
  githubFetch?: GitHubFetch
  /** OpenAI: chat completions and ChatKit sessions. */
  openaiFetch?: OpenAIFetch
  /** The sign-in provider: its JWKS and Kinde's Account API. */
  identityFetch?: IdentityFetch
}

const networkFetch = (request: Request) => fetch(request)

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
export function createApp({ githubFetch = networkFetch, openaiFetch = networkFetch, identityFetch = networkFetch }: AppDependencies = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, getPath: rootRelayPath() })

  app.use(requestId(), requestLog(), secureHeaders())
  app.use(originPolicy((env) => platformSettings(env).allowedOrigins))
  app.use((c, next) => bodyLimitFor(c.env)(c, next))

  app.route('/', githubRelay(githubFetch))
  app.route('/', operatorRelay(githubFetch))
  app.route('/', openaiRelay(openaiFetch))
  app.route('/', gatewayRelay(openaiFetch, identityFetch))
  app.route('/', chatkitRelay(openaiFetch, identityFetch))
  app.route('/', sandboxRoutes())
  app.route('/', auditRelay())
  app.route(
    '/',
    metaRoutes({
      github: githubRelayState,
      operator: operatorRelayState,
      openai: openaiRelayState,
      gateway: gatewayRelayState,
      chatkit: chatkitRelayState,
      audit: auditRelayState,
    }),
  )

  app.onError(handleError)
  app.notFound(handleNotFound)
  return app
}
