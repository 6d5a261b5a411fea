import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { VISITOR_COOKIE, WORKFLOW_NAME } from './names.js'
import { errorResponses } from '../../../contracts/errors.js'
import { ACCESS_TOKEN_SCHEME, accessTokenScheme } from '../../../contracts/access-token.js'
import { jsonBody, jsonResponse } from '../../../contracts/json.js'
import { RateLimitHeaders } from '../../../contracts/rate-limit-headers.js'

// Short-lived ChatKit client secrets for a browser widget, at the paths of
// OpenAI's ChatKit guide, so the browser never sees the OpenAI key. Each secret is bound to one
// ChatKit user: a signed-in user (verified access token) or an anonymous visitor (signed cookie).

const visitorCookieNames = `\`__Host-${VISITOR_COOKIE}\` (\`${VISITOR_COOKIE}\` over plain http, as in the local sandbox)`

/** A name in CHATKIT_WORKFLOWS. */

// An access token when the visitor is signed in; nothing otherwise (the visitor cookie).
const security: Record<string, string[]>[] = [{}, { [ACCESS_TOKEN_SCHEME]: [] }]
const tags = ['ChatKit']

export const ChatKitSecret = z
  .object({
    client_secret: z.string().openapi({ description: "What ChatKit's `getClientSecret` returns. Never log it.", example: 'ek_68e5c6d1f0b08190a1b2c3d4e5f6a7b8' }),
    expires_at: z.number().int().openapi({ description: 'Unix time (seconds) when the session ends. Refresh before then.', example: 1767225600 }),
  })
  .openapi('ChatKitSecret')

export const StartChatKitSessionRequest = z
  .object({
    workflow: z
      .string()
      .regex(WORKFLOW_NAME, 'must be 1 to 64 lower-case letters, digits, `-` or `_`')
      .optional()
      .openapi({ description: 'One of the workflow names in CHATKIT_WORKFLOWS. Without it, the session runs CHATKIT_WORKFLOW_ID.' }),
  })
  .openapi('StartChatKitSessionRequest')

export const RefreshChatKitSessionRequest = z
  .object({
    currentClientSecret: z.string().min(1).max(4_096).openapi({ description: 'The client secret ChatKit holds now (the argument ChatKit passes to `getClientSecret`).' }),
  })
  .openapi('RefreshChatKitSessionRequest')

const noStore = z.literal('no-store').openapi({ description: 'A client secret is never cached.' })

const StartHeaders = z.object({
  'Cache-Control': noStore,
  'Set-Cookie': z
    .string()
    .optional()
    .openapi({
      description: `The anonymous visitor's signed, HttpOnly ${visitorCookieNames} cookie (30 days, renewed on each start that answers 200); not sent to a signed-in user, nor on a refused start.`,
    }),
  ...RateLimitHeaders.shape,
})

const RefreshHeaders = z.object({ 'Cache-Control': noStore, ...RateLimitHeaders.shape })

const descriptions = {
  400: 'The body is not valid JSON, or an access token was sent to a deployment that verifies none (no KINDE_DOMAIN or OIDC_ISSUER).',
  403: 'The Origin is not in ALLOWED_ORIGINS.',
  422: 'A field breaks a rule (`details` names it), or `workflow` is not a name in CHATKIT_WORKFLOWS.',
  429: "Too many requests: this address (or the IPv6 /48 it is in), or this user, is over relaykit's rate limit, or OpenAI is rate limiting relaykit. Wait `retry_after_seconds`, also sent as `Retry-After`.",
  502: "OpenAI could not be reached, refused relaykit's API key, does not know the configured workflow, or failed.",
  503: 'This relay is off, a secret or setting it needs is missing (named in the message), or its rate limiter or session registry cannot be reached.',
  504: 'OpenAI did not answer within OPENAI_TIMEOUT_MS.',
} as const

const who = `The ChatKit \`user\` is the signed-in user when an access token is sent (verified like the gateway's), and otherwise the anonymous visitor of relaykit's signed ${visitorCookieNames} cookie, which relaykit refuses 30 days after it set it; a header the client chooses (such as X-Client-ID) never is. Browsers on another origin must send the cookie: \`fetch(…, { credentials: 'include' })\`.`

export const startChatKitSession = createRoute({
  method: 'post',
  path: '/api/chatkit/start',
  operationId: 'startChatKitSession' as const,
  tags,
  security,
  summary: 'Start a ChatKit session',
  description: `Creates a ChatKit session for this user and the configured workflow, and answers its client secret. The body is optional. ${who}`,
  request: { body: { ...jsonBody(StartChatKitSessionRequest, {}), required: false } },
  responses: {
    200: jsonResponse('A new session for this user.', ChatKitSecret, StartHeaders),
    ...errorResponses([400, 401, 403, 413, 415, 422, 429, 502, 503, 504], {
      ...descriptions,
      401: 'The access token is invalid (the message says why). Send none to be an anonymous visitor.',
    }),
  },
})

export const refreshChatKitSession = createRoute({
  method: 'post',
  path: '/api/chatkit/refresh',
  operationId: 'refreshChatKitSession' as const,
  tags,
  security,
  summary: 'Refresh a ChatKit session',
  description: `Answers a new client secret for the same user and workflow, then cancels the old session at OpenAI. Send the \`client_secret\` that startChatKitSession (or the last refresh) answered: only a secret relaykit issued to this same user, not yet expired or refreshed, can be refreshed, so the example value is refused. ${who}`,
  request: { body: jsonBody(RefreshChatKitSessionRequest, { currentClientSecret: 'ek_68e5c6d1f0b08190a1b2c3d4e5f6a7b8' }) },
  responses: {
    200: jsonResponse('A new session for the same user; the old one is cancelled.', ChatKitSecret, RefreshHeaders),
    ...errorResponses([400, 401, 403, 409, 413, 415, 422, 429, 502, 503, 504], {
      ...descriptions,
      401: 'The access token is invalid; or the request has neither a valid visitor cookie nor an access token; or relaykit did not issue this client secret, or its session expired or was already refreshed. Start a new session.',
      403: 'The Origin is not in ALLOWED_ORIGINS, or the client secret was issued to another user.',
      409: 'Another request is refreshing this client secret right now (`refresh_in_progress`), or this refresh outlived its claim on it (`refresh_claim_lapsed`). Retry after `Retry-After` seconds.',
    }),
  },
})

export const chatkitContract = { tags, routes: [startChatKitSession, refreshChatKitSession], securitySchemes: accessTokenScheme }
