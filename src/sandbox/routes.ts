import { Hono } from 'hono'
import type { AppEnv } from '../platform/app-env.js'
import { jsonObjectBody } from '../platform/json-body.js'
import { RelayError } from '../platform/relay-error.js'
import { EXAMPLE_PAGE_PATH, examplePage } from './example-page.js'
import { SANDBOX_USERS } from './defaults.js'
import { isSandboxUser, sandboxAccessToken } from './access-tokens.js'

/**
 * Routes of the local sandbox only, outside the API and its specs (the deployed entry has none).
 * `POST /sandbox/token` signs in as a sandbox user at the embedded fake issuer, so a newcomer
 * can call the gateway relay with a real access token.
 */
export function sandboxRoutes() {
  const app = new Hono<AppEnv>()
  app.post('/sandbox/token', async (c) => {
    const { user = 'alice' } = (await jsonObjectBody(c)) ?? {}
    if (!isSandboxUser(user)) {
      throw new RelayError(422, 'validation_failed', `user must be one of ${Object.keys(SANDBOX_USERS).join(', ')}.`)
    }
    const accessToken = await sandboxAccessToken(user)
    return c.json({ access_token: accessToken, token_type: 'Bearer', user, entitlements: SANDBOX_USERS[user] }, 200, { 'Cache-Control': 'no-store' })
  })
  app.get(EXAMPLE_PAGE_PATH, examplePage)
  return app
}
