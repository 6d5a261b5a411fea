import { OpenAPIHono } from '@hono/zod-openapi'
import actionsDocument from '../../openapi/cf-openapi.json'
import openapiDocument from '../../openapi/openapi.json'
import { getActionsOpenApi, getHealth, getOpenApi } from './contract.js'
import type { AppEnv } from '../platform/app-env.js'
import type { Env } from '../platform/env.js'
import { platformSettings } from '../platform/platform-settings.js'
import { isSandbox } from '../platform/sandbox.js'
import type { RelayState } from '../platform/settings.js'
import { validationHook } from '../platform/validation-hook.js'
import { docsPage } from './docs-page.js'
import { servedDocument } from './served-spec.js'

export type RelayStates = Record<string, (env: Env) => RelayState<unknown>>

/** Routes about relaykit itself: health, the two specs, the docs page. No credentials needed. */
export function metaRoutes(relays: RelayStates) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(getHealth, (c) => {
    const states = Object.fromEntries(
      Object.entries(relays).map(([name, state]) => {
        const { enabled, ready, missing, invalid, rateLimits } = state(c.env)
        return [name, { enabled, ready, missing, invalid, rate_limits: rateLimits }]
      }),
    )
    const { invalid } = platformSettings(c.env)
    const degraded = invalid.length > 0 || Object.values(states).some((relay) => relay.enabled && !relay.ready)
    return c.json(
      { status: degraded ? ('degraded' as const) : ('ok' as const), sandbox: isSandbox(c.env), version: openapiDocument.info.version, relays: states, invalid_settings: invalid },
      200,
    )
  })

  app.openapi(getOpenApi, (c) => c.json(servedDocument(openapiDocument, new URL(c.req.url).origin, isSandbox(c.env)), 200))
  app.openapi(getActionsOpenApi, (c) => c.json(servedDocument(actionsDocument, new URL(c.req.url).origin, isSandbox(c.env)), 200))

  app.get('/docs', docsPage())
  app.get('/', (c) => c.redirect('/docs'))

  return app
}
