import { callerOf } from '../../platform/auth/verified-caller.js'
import type { RelayDependencies } from '../../platform/relay-module.js'
import { IDENTITY_UPSTREAM } from '../../upstreams/identity/settings.js'
import { OPENAI_UPSTREAM } from '../../upstreams/openai/settings.js'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { refreshChatKitSession, startChatKitSession } from './contract/index.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { accessTokenVerifiers } from '../../upstreams/identity/verifiers.js'
import type { OpenAIUpstream } from '../../upstreams/openai/settings.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { validationHook } from '../../platform/validation-hook.js'
import { createChatKitApi } from '../../upstreams/openai/chatkit-sessions.js'
import { chatkitUser } from './chatkit-user.js'
import { cleanUp } from './cleanup.js'
import { issueSession } from './issue-session.js'
import { claimLapsed, heldClaim } from './refresh-claim.js'
import { type ChatKitRelaySettings, chatkitIpRateLimit, chatkitUserRateLimit } from './settings.js'
import { chosenWorkflowId } from './workflows.js'

/** Longer than a refresh can take: its one OpenAI call is bounded by OPENAI_TIMEOUT_MS. */
const REFRESH_LEASE_MARGIN_MS = 10_000

/** Every answer, refusals included: a client secret must never sit in a cache. */
const noStore: MiddlewareHandler = async (c, next) => {
  c.header('Cache-Control', 'no-store')
  await next()
}

/**
 * The chatkit relay's routes: ChatKit client secrets for a browser widget, each bound to one user, and
 * refreshable only by that user. Both routes cost an OpenAI session, so both are limited per
 * address (before any token is verified) and per user, and refused when the limiter is down.
 */
export function chatkitRoutes({ fetch }: RelayDependencies) {
  const app = new OpenAPIHono<RelayEnv<ChatKitRelaySettings>>({ defaultHook: validationHook })
  const openai = fetch(OPENAI_UPSTREAM)
  const chatkit = (upstream: OpenAIUpstream) => createChatKitApi(upstream, openai)
  const verifier = accessTokenVerifiers(fetch(IDENTITY_UPSTREAM))

  for (const [route, step] of [
    [startChatKitSession, 'start'],
    [refreshChatKitSession, 'refresh'],
  ] as const) {
    app.use(
      route.path,
      noStore,
      rateLimit(chatkitIpRateLimit, { whenUnavailable: 'refuse' }),
      chatkitUser(verifier, step),
      rateLimit(chatkitUserRateLimit, { whenUnavailable: 'refuse' }),
    )
  }

  app.openapi(startChatKitSession, async (c) => {
    const { workflow } = c.req.valid('json')
    const workflowId = chosenWorkflowId(c.var.settings.workflows, workflow)
    return c.json(await issueSession(c, chatkit(c.var.settings.upstream), workflowId), 200)
  })

  // The old secret is claimed first, so two refreshes of it cannot both mint a session. It is
  // revoked before the new secret is recorded: if it cannot be, the new session is cancelled and
  // not handed out (fail closed). The claim is given back when no new session was handed out.
  app.openapi(refreshChatKitSession, async (c) => {
    const { currentClientSecret } = c.req.valid('json')
    const { registry, upstream } = c.var.settings
    const api = chatkit(upstream)
    const { session: previous, claimId } = heldClaim(await registry.claimRefresh(currentClientSecret, callerOf(c), upstream.timeoutMs + REFRESH_LEASE_MARGIN_MS))
    const revokePrevious = async () => {
      if (!(await registry.revoke(currentClientSecret, claimId))) throw claimLapsed()
    }
    let next: Awaited<ReturnType<typeof issueSession>>
    try {
      next = await issueSession(c, api, previous.workflowId, revokePrevious)
    } catch (error) {
      await cleanUp(c.var.requestId, 'release_claim', () => registry.release(currentClientSecret, claimId))
      throw error
    }
    // The new secret need not wait for OpenAI to cancel the old one.
    c.executionCtx.waitUntil(cleanUp(c.var.requestId, 'cancel_previous', () => api.cancelSession(previous.sessionId)))
    return c.json(next, 200)
  })

  return app
}
