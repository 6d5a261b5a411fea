import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { ErrorBody, errorResponses } from '../../../contracts/errors.js'
import { jsonBody, jsonResponse } from '../../../contracts/json.js'
import { RateLimitHeaders } from '../../../contracts/rate-limit-headers.js'
import { CopilotUsage } from './bridge.js'
import { SESSION_COOKIE, sessionSecurity } from './schemes.js'
import { Username, UsernameParams } from './username.js'
import { ACCOUNTS_TAG } from './sign-in.js'

// The accounts of the Copilot bridge, as their owners manage them from the setup page: a username
// bound to one GitHub user, that user's GitHub token (sealed, never shown), and relaykit keys
// that relaykit makes and shows once. Every route needs a fresh GitHub sign-in (the session).

const tags = [ACCOUNTS_TAG]

const Key = z
  .object({
    id: z.string().openapi({ description: 'Names the key to revoke it; not the key itself.', example: '0b8f3c1e-8a4d-4b7e-9a3f-2c1d5e6f7a8b' }),
    name: z.string().openapi({ example: 'laptop' }),
    created_at: z.string().openapi({ description: 'ISO 8601.' }),
    last_used_at: z.string().nullable().openapi({ description: 'ISO 8601, to within 30 seconds; null until first used.' }),
  })
  .openapi('CopilotKey')

const Account = z
  .object({
    username: z.string().openapi({ example: 'octocat' }),
    github_login: z.string().openapi({ description: 'The GitHub user it is bound to, as of their latest sign-in.', example: 'octocat' }),
    created_at: z.string().openapi({ description: 'ISO 8601.' }),
    base_url: z.string().openapi({ description: 'The OpenAI base URL of this account.', example: 'https://relaykit.acme.workers.dev/octocat/v1' }),
    keys: z.array(Key),
  })
  .openapi('CopilotAccount')

const NewKey = Key.extend({
  key: z
    .string()
    .openapi({ description: 'The key itself: shown this once, never again (relaykit keeps only its hash).', example: 'acpc-3q2v7Zk0bLr9xT1mW4yN8pE6hJ5aC0dF2gI7kM9oQ1s' }),
}).openapi('CopilotNewKey')

const SignUp = z
  .object({
    username: Username,
    github_token: z
      .string()
      .regex(/^gh[uo]_[A-Za-z0-9_]{10,250}$/, 'must be a GitHub token that starts with ghu_ or gho_')
      .optional()
      .openapi({
        description: "Instead of a device-flow sign-in: the person's own Copilot GitHub token, checked with one token exchange and `GET /user` before anything is kept.",
      }),
  })
  .openapi('CopilotSignUp')

const KeyRequest = z
  .object({ name: z.string().min(1).max(64).openapi({ description: 'What the key is for, to tell keys apart.', example: 'laptop' }) })
  .openapi('CopilotKeyRequest')

const KeyParams = UsernameParams.extend({
  key_id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'key_id', in: 'path' }, example: '0b8f3c1e-8a4d-4b7e-9a3f-2c1d5e6f7a8b' }),
})

const CONFLICT = 'The username belongs to another GitHub user; or (keys) a key of that name exists, or the account holds the most keys it may.'

const descriptions = {
  400: 'The body is not valid JSON.',
  401: 'No session (or it ended), and no GitHub token: sign in with GitHub again; or GitHub refused the token.',
  403: "The Origin is not relaykit's own; or the GitHub user is not in COPILOT_GITHUB_USERS, or GitHub gives them no Copilot access.",
  404: 'This signed-in GitHub user owns no account of that name (or no such key).',
  409: CONFLICT,
  413: 'The request body is larger than COPILOT_MAX_BODY_BYTES.',
  422: 'A field breaks a rule (`details` names it): the username rule, a name relaykit itself uses, a key name.',
  429: 'Too many sign-ins from this address, or GitHub is rate limiting this account. Wait `retry_after_seconds`.',
  502: 'GitHub could not be reached, or failed.',
  503: 'The bridge is off or not configured (the message names what is missing), or its account store cannot be reached.',
  504: 'GitHub did not answer within COPILOT_TIMEOUT_MS.',
} as const

/**
 * A conflict here is for good, not a wait: no Retry-After, unlike the shared 409. Made of names,
 * not of `descriptions[409]`, so the bundler can drop it with the responses that use it.
 */
const conflict = { 409: { description: CONFLICT, content: { 'application/json': { schema: ErrorBody } } } }

const SessionHeaders = z.object({
  'Set-Cookie': z
    .string()
    .optional()
    .openapi({ description: `With \`github_token\`: the session that manages the account (\`__Host-${SESSION_COOKIE}\`, HttpOnly, SameSite=Strict, 15 minutes).` }),
  ...RateLimitHeaders.shape,
})

export const signUpAccount = createRoute({
  method: 'post',
  path: '/copilot/accounts',
  operationId: 'signUpCopilotAccount',
  tags,
  security: [...sessionSecurity, {}],
  summary: 'Sign up, or sign an account in again',
  description:
    "Binds the username to the signed-in GitHub user and keeps their GitHub token sealed (AES-GCM). Their own account is signed in again with the new token, its keys kept; another GitHub user's is refused. The GitHub user is the session's (device flow), or the owner of `github_token`.",
  request: { body: jsonBody(SignUp, { username: 'octocat' }) },
  responses: {
    201: jsonResponse('The account was made.', Account, SessionHeaders),
    200: jsonResponse("The account was already this GitHub user's: it holds the new token now.", Account, SessionHeaders),
    ...errorResponses([400, 401, 403, 413, 415, 422, 429, 502, 503, 504], descriptions),
    ...conflict,
  },
})

export const getAccount = createRoute({
  method: 'get',
  path: '/copilot/accounts/{username}',
  operationId: 'getCopilotAccount',
  tags,
  security: sessionSecurity,
  summary: 'An account and its keys',
  description: 'The account, its base URL and its keys (names and times, never the keys), for the GitHub user who owns it.',
  request: { params: UsernameParams },
  responses: { 200: jsonResponse('The account.', Account), ...errorResponses([401, 403, 404, 503], descriptions) },
})

export const getAccountUsage = createRoute({
  method: 'get',
  path: '/copilot/accounts/{username}/usage',
  operationId: 'getCopilotAccountUsage',
  tags,
  security: sessionSecurity,
  summary: "An account's Copilot quota",
  description: 'What `GET /{username}/v1/usage` answers, for the setup page.',
  request: { params: UsernameParams },
  responses: { 200: jsonResponse("The account's quota.", CopilotUsage), ...errorResponses([401, 403, 404, 429, 502, 503, 504], descriptions) },
})

export const createKey = createRoute({
  method: 'post',
  path: '/copilot/accounts/{username}/keys',
  operationId: 'createCopilotKey',
  tags,
  security: sessionSecurity,
  summary: 'Make a relaykit key',
  description: 'Makes a new key (`acpc-` and 256 random bits) and answers it this once; relaykit keeps only its hash.',
  request: { params: UsernameParams, body: jsonBody(KeyRequest, { name: 'laptop' }) },
  responses: {
    201: { ...jsonResponse('The new key, shown this once.', NewKey), headers: z.object({ 'Cache-Control': z.literal('no-store') }) },
    ...errorResponses([400, 401, 403, 404, 413, 415, 422, 503], descriptions),
    ...conflict,
  },
})

export const revokeKey = createRoute({
  method: 'delete',
  path: '/copilot/accounts/{username}/keys/{key_id}',
  operationId: 'revokeCopilotKey',
  tags,
  security: sessionSecurity,
  summary: 'Revoke a relaykit key',
  description: 'The key opens nothing any more: it is refused everywhere within 30 seconds.',
  request: { params: KeyParams },
  responses: {
    200: jsonResponse('Revoked.', z.object({ id: z.string(), revoked: z.literal(true) }).openapi('CopilotRevokedKey')),
    ...errorResponses([401, 403, 404, 503], descriptions),
  },
})

export const deleteAccount = createRoute({
  method: 'delete',
  path: '/copilot/accounts/{username}',
  operationId: 'deleteCopilotAccount',
  tags,
  security: sessionSecurity,
  summary: 'Delete an account',
  description: 'Forgets the account, its sealed GitHub token and its keys (refused everywhere within 30 seconds). The username is free again.',
  request: { params: UsernameParams },
  responses: {
    200: jsonResponse('Deleted.', z.object({ username: z.string(), deleted: z.literal(true) }).openapi('CopilotDeletedAccount')),
    ...errorResponses([401, 403, 404, 503], descriptions),
  },
})

export const accountRoutes = [signUpAccount, getAccount, getAccountUsage, createKey, revokeKey, deleteAccount] as const
