import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { rateLimit } from '../../../platform/rate-limit/rate-limit.js'
import { RelayError } from '../../../platform/relay-error.js'
import { validationHook } from '../../../platform/validation-hook.js'
import { pollDeviceCode, requestDeviceCode } from '../../../upstreams/copilot/device-flow.js'
import { toBase64Url } from '../accounts/base64.js'
import { getSession, pollDeviceSignIn, startDeviceSignIn } from '../contract/sign-in.js'
import type { CopilotEnv } from '../copilot-env.js'
import { setupPageUrl } from '../copilot-env.js'
import { answeringProblems, relayErrorOf } from '../problems.js'
import { copilotSignInRateLimit } from '../settings.js'
import { ownOriginOnly } from './own-origin.js'
import { SESSION_SECONDS, sessionOf, startSession } from './session-cookie.js'
import { verifyGitHubUser } from './verify-github-user.js'

/** What the vault binds a sign-in's sealed secrets to: usernames hold no `:`, so no account's can be taken for one. */
export const signInOwner = (flowId: string) => `sign-in:${flowId}`

const startAgain = 'Start a new sign-in.'

/** Ends a sign-in that cannot go on, then answers why. */
async function ended(c: Context<CopilotEnv>, flowId: string, refusal: RelayError): Promise<never> {
  await c.var.runtime.signIns.end(flowId)
  throw refusal
}

/**
 * GitHub's device flow for the setup page, completed by relaykit: the browser holds only the id
 * of its sign-in. An approved sign-in of an allowed GitHub user with Copilot starts a session.
 */
export function signIn() {
  const app = new OpenAPIHono<CopilotEnv>({ defaultHook: validationHook })
  for (const route of [startDeviceSignIn, pollDeviceSignIn, getSession]) app.use(route.path, ownOriginOnly())
  app.use(startDeviceSignIn.path, rateLimit(copilotSignInRateLimit, { whenUnavailable: 'refuse' }))

  app.openapi(startDeviceSignIn, async (c) => {
    const { runtime } = c.var
    const code = await answeringProblems(setupPageUrl(c), () => requestDeviceCode(runtime.deps))
    const flowId = toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
    await runtime.signIns.start(flowId, {
      sealedDeviceCode: await runtime.vault.seal(code.deviceCode, signInOwner(flowId)),
      intervalSeconds: code.intervalSeconds,
      expiresAt: runtime.now() + code.expiresInSeconds * 1000,
    })
    c.header('Cache-Control', 'no-store')
    return c.json({ flow_id: flowId, user_code: code.userCode, verification_uri: code.verificationUri, expires_in: code.expiresInSeconds, interval: code.intervalSeconds }, 200)
  })

  app.openapi(pollDeviceSignIn, async (c) => {
    const { flow_id: flowId } = c.req.valid('json')
    const { runtime, settings } = c.var
    const setup = setupPageUrl(c)
    c.header('Cache-Control', 'no-store')
    const claim = await runtime.signIns.claimPoll(flowId, runtime.now())
    if (claim.outcome === 'ended') throw new RelayError(410, 'sign_in_ended', `This sign-in is over: its code expired, it was used, or it is unknown. ${startAgain}`)
    if (claim.outcome === 'wait') return c.json({ status: 'pending' as const, interval: claim.intervalSeconds }, 202)
    const deviceCode = await runtime.vault.open(claim.sealedDeviceCode, signInOwner(flowId))
    const poll = await answeringProblems(setup, () => pollDeviceCode(runtime.deps, deviceCode, claim.intervalSeconds))
    switch (poll.state) {
      case 'pending':
        return c.json({ status: 'pending' as const, interval: poll.intervalSeconds }, 202)
      case 'slow_down':
        await runtime.signIns.keepWaiting(flowId, poll.intervalSeconds, runtime.now())
        return c.json({ status: 'slow_down' as const, interval: poll.intervalSeconds }, 202)
      case 'expired':
        return ended(c, flowId, new RelayError(410, 'sign_in_expired', `The code expired before it was entered at GitHub. ${startAgain}`))
      case 'denied':
        return ended(c, flowId, new RelayError(403, 'sign_in_denied', `The sign-in was cancelled at GitHub. ${startAgain}`))
      case 'failed':
        return ended(c, flowId, relayErrorOf(poll.problem))
    }
    const user = await answeringProblems(setup, () => verifyGitHubUser(runtime.deps, poll.accessToken, settings.githubUsers, setup)).catch((refusal: RelayError) =>
      ended(c, flowId, refusal),
    )
    // Kept before the cookie is set: no session may name a sign-in that holds nothing.
    await runtime.signIns.signIn(flowId, user, await runtime.vault.seal(poll.accessToken, signInOwner(flowId)), runtime.now() + SESSION_SECONDS * 1000)
    const session = await startSession(c, runtime.sessionKeys, user, flowId)
    return c.json({ status: 'signed_in' as const, github_login: user.login, expires_at: session.expiresAt }, 200)
  })

  app.openapi(getSession, async (c) => {
    c.header('Cache-Control', 'no-store')
    const session = await sessionOf(c, c.var.runtime.sessionKeys)
    if (!session) throw new RelayError(401, 'not_signed_in', `This browser has no session, or it ended (they last ${SESSION_SECONDS / 60} minutes). Sign in with GitHub again.`)
    return c.json({ github_login: session.user.login, github_id: session.user.id, expires_at: session.expiresAt }, 200)
  })

  return app
}
