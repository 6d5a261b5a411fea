import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { errorResponses } from '../../../contracts/errors.js'
import { jsonBody, jsonResponse } from '../../../contracts/json.js'
import { RateLimitHeaders } from '../../../contracts/rate-limit-headers.js'
import { SESSION_COOKIE, sessionSecurity } from './schemes.js'

// GitHub's device flow, run by relaykit for the setup page: the browser shows the code and polls
// with the id of the sign-in; GitHub's device code, and the token GitHub issues, never leave the
// server. A sign-in that GitHub approves, for a user COPILOT_GITHUB_USERS allows, starts a session.

export const ACCOUNTS_TAG = 'Copilot accounts'
const tags = [ACCOUNTS_TAG]

export const FlowId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'must be the flow_id that POST /github/get-device-code answered')
  .openapi({ description: 'The id of this sign-in, as POST /github/get-device-code answered it.', example: 'Zq3l9dR1xW0bVf2mK7cTgA' })

const DeviceSignIn = z
  .object({
    flow_id: FlowId,
    user_code: z.string().openapi({ description: 'What the person types at `verification_uri`.', example: 'WDJB-MJHT' }),
    verification_uri: z.string().openapi({ example: 'https://github.com/login/device' }),
    expires_in: z.number().int().openapi({ description: 'Seconds until the code expires.', example: 900 }),
    interval: z.number().int().openapi({ description: 'Seconds to wait between polls.', example: 5 }),
  })
  .openapi('CopilotDeviceSignIn')

const SignedIn = z
  .object({
    status: z.literal('signed_in'),
    github_login: z.string().openapi({ example: 'octocat' }),
    expires_at: z.number().int().openapi({ description: 'Unix seconds when the session ends: sign in again to manage an account after that.' }),
  })
  .openapi('CopilotSignedIn')

const Waiting = z
  .object({
    status: z.enum(['pending', 'slow_down']).openapi({ description: '`slow_down`: GitHub asked for longer waits, and `interval` is now longer.' }),
    interval: z.number().int().openapi({ description: 'Seconds to wait before polling again.', example: 5 }),
  })
  .openapi('CopilotSignInPending')

const SessionHeaders = z.object({
  'Set-Cookie': z
    .string()
    .openapi({ description: `The session: \`__Host-${SESSION_COOKIE}\` (\`${SESSION_COOKIE}\` over plain http), signed, HttpOnly, SameSite=Strict, 15 minutes.` }),
})

const descriptions = {
  400: 'The body is not valid JSON.',
  403: 'The Origin is not allowed; or the person denied the sign-in at GitHub, their GitHub user is not in COPILOT_GITHUB_USERS, or GitHub gives them no Copilot access (`error` says which). Nothing was kept.',
  410: 'This sign-in is over: its code expired, it was already used, or its id is unknown. Start a new one.',
  422: 'A field breaks a rule (`details` names it).',
  429: 'Too many sign-ins from this address (RATE_LIMIT_COPILOT_SIGN_IN). Wait `retry_after_seconds`.',
  502: "GitHub could not be reached, or refused the sign-in (the operator's COPILOT_CLIENT_ID).",
  503: 'The bridge is off or not configured (the message names what is missing), or its sign-in store cannot be reached.',
  504: 'GitHub did not answer within COPILOT_TIMEOUT_MS.',
} as const

export const startDeviceSignIn = createRoute({
  method: 'post',
  path: '/github/get-device-code',
  operationId: 'startCopilotDeviceSignIn',
  tags,
  security: [],
  summary: 'Start a GitHub sign-in (device flow)',
  description:
    "Asks GitHub for a device code and answers what the person needs: the code to type and where, and the id to poll with. GitHub's device code stays with relaykit. No body.",
  responses: { 200: jsonResponse('The sign-in started.', DeviceSignIn, RateLimitHeaders), ...errorResponses([403, 429, 502, 503, 504], descriptions) },
})

export const pollDeviceSignIn = createRoute({
  method: 'post',
  path: '/github/poll-device-code',
  operationId: 'pollCopilotDeviceSignIn',
  tags,
  security: [],
  summary: 'Ask whether the person approved the sign-in',
  description:
    'Asks GitHub at most once per interval, whatever the poller does. Once GitHub approves, relaykit checks the token with one Copilot token exchange and `GET /user`, and for a user COPILOT_GITHUB_USERS allows starts a 15-minute session in an HttpOnly cookie: the token stays with relaykit.',
  request: { body: jsonBody(z.object({ flow_id: FlowId }).openapi('CopilotDevicePoll'), { flow_id: 'Zq3l9dR1xW0bVf2mK7cTgA' }) },
  responses: {
    200: jsonResponse('Signed in: the session cookie is set.', SignedIn, SessionHeaders),
    202: jsonResponse('Not yet approved: poll again after `interval` seconds.', Waiting),
    ...errorResponses([400, 403, 410, 413, 415, 422, 502, 503, 504], descriptions),
  },
})

const Session = z
  .object({
    github_login: z.string().openapi({ example: 'octocat' }),
    github_id: z.number().int().openapi({ example: 583231 }),
    expires_at: z.number().int().openapi({ description: 'Unix seconds when the session ends.' }),
  })
  .openapi('CopilotSession')

export const getSession = createRoute({
  method: 'get',
  path: '/copilot/session',
  operationId: 'getCopilotSession',
  tags,
  security: sessionSecurity,
  summary: 'Who this browser signed in as',
  description: 'The GitHub user of the session cookie, while it lasts.',
  responses: {
    200: jsonResponse('The session.', Session),
    ...errorResponses([401, 403, 503], { ...descriptions, 401: 'No session, or it has ended: sign in with GitHub again.', 403: 'The Origin is not allowed.' }),
  },
})

export const signInRoutes = [startDeviceSignIn, pollDeviceSignIn, getSession] as const
