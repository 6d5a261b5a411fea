import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../platform/app-env.js'
import type { Env } from '../platform/env.js'
import type { PlatformSettings } from '../platform/platform-settings.js'
import type { RelayModule } from '../platform/relay-module.js'
import type { Sandbox } from '../platform/sandbox.js'
import type { RelayState } from '../platform/settings.js'
import { validationHook } from '../platform/validation-hook.js'
import { getActionsOpenApi, getHealth, getOpenApi } from './contract.js'
import { docsPage } from './docs-page.js'
import { VERSION } from './documents.js'
import { servedDocument } from './served-spec.js'
import { readSpec } from './spec-files.js'

export interface MetaOptions {
  states: readonly { relay: RelayModule; state: (env: Env) => RelayState<unknown> }[]
  shared: (env: Env) => PlatformSettings
  sandbox: Sandbox | undefined
  /** Whether the sandbox runs with these bindings (it refuses to next to a real upstream secret). */
  sandboxOn: (env: Env) => boolean
  envOf: (env: Env) => Env
}

/** Routes about relaykit itself: health, the two specs, the docs page. No credentials needed. */
export function metaRoutes({ states, shared, sandbox, sandboxOn, envOf }: MetaOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(getHealth, (c) => {
    const relays = Object.fromEntries(
      states.map(({ relay, state }) => {
        const { enabled, ready, missing, invalid, rateLimits } = state(c.env)
        return [relay.name, { enabled, ready, missing, invalid, rate_limits: rateLimits }]
      }),
    )
    const { invalid } = shared(c.env)
    const degraded = invalid.length > 0 || Object.values(relays).some((relay) => relay.enabled && !relay.ready)
    return c.json({ status: degraded ? ('degraded' as const) : ('ok' as const), sandbox: sandboxOn(c.env), version: VERSION, relays, invalid_settings: invalid }, 200)
  })

  app.openapi(getOpenApi, async (c) => c.json(servedDocument(await readSpec(c.env.ASSETS, 'openapi.json'), new URL(c.req.url).origin, sandboxOn(c.env)), 200))
  app.openapi(getActionsOpenApi, async (c) => c.json(servedDocument(await readSpec(c.env.ASSETS, 'cf-openapi.json'), new URL(c.req.url).origin, sandboxOn(c.env)), 200))

  app.get(
    '/docs',
    docsPage(
      states.map(({ relay }) => relay),
      sandbox,
      sandboxOn,
      envOf,
    ),
  )
  app.get('/', (c) => c.redirect('/docs'))

  return app
}
