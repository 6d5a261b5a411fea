import { OpenAPIHono } from '@hono/zod-openapi'
import type { RelayDependencies } from '../../platform/relay-module.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { validationHook } from '../../platform/validation-hook.js'
import { COPILOT_UPSTREAM } from '../../upstreams/copilot/settings.js'
import { accounts } from './accounts/routes.js'
import { messagesBridge } from './bridge/messages-routes.js'
import { bridge } from './bridge/routes.js'
import { copilotContract } from './contract/index.js'
import { withRuntime } from './copilot-env.js'
import { pages } from './pages/routes.js'
import { runtimes } from './runtime.js'
import type { CopilotRelaySettings } from './settings.js'
import { signIn } from './sign-in/routes.js'
import { honoPath } from '../../platform/hono-path.js'

/** The Copilot bridge's routes: its OpenAI side, the GitHub sign-in, the accounts and the pages. */
export function copilotRoutes({ fetch, reservedPathSegments }: RelayDependencies) {
  const app = new OpenAPIHono<RelayEnv<CopilotRelaySettings>>({ defaultHook: validationHook })
  const runtimeOf = runtimes({ fetch: fetch(COPILOT_UPSTREAM), reservedUsernames: reservedPathSegments, now: () => Date.now() })
  for (const path of new Set(copilotContract.routes.map((route) => honoPath(route.path)))) app.use(path, withRuntime(runtimeOf))
  app.route('/', bridge())
  app.route('/', messagesBridge())
  app.route('/', signIn())
  app.route('/', accounts())
  app.route('/', pages())
  return app
}
