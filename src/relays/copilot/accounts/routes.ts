import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { auditWrites } from '../../../platform/audit/audit-writes.js'
import { rateLimit } from '../../../platform/rate-limit/rate-limit.js'
import { RelayError } from '../../../platform/relay-error.js'
import { validationHook } from '../../../platform/validation-hook.js'
import { fetchCopilotQuota } from '../../../upstreams/copilot/quota.js'
import { accountRoutes, createKey, deleteAccount, getAccount, getAccountUsage, revokeKey, signUpAccount } from '../contract/accounts.js'
import { Username } from '../contract/username.js'
import type { CopilotEnv } from '../copilot-env.js'
import { setupPageUrl } from '../copilot-env.js'
import { answeringProblems } from '../problems.js'
import { copilotSignInRateLimit } from '../settings.js'
import type { VerifiedGitHubUser } from '../sign-in/copilot-sign-in.js'
import { ownOriginOnly } from '../sign-in/own-origin.js'
import { signInOwner } from '../sign-in/routes.js'
import { SESSION_SECONDS, type Session, sessionOf, startSession } from '../sign-in/session-cookie.js'
import { verifyGitHubUser } from '../sign-in/verify-github-user.js'
import type { AccountView, KeyView } from './copilot-account.js'
import { honoPath } from '../../../platform/hono-path.js'

const iso = (ms: number) => new Date(ms).toISOString()
const keyAnswer = (key: KeyView) => ({ id: key.id, name: key.name, created_at: iso(key.createdAt), last_used_at: key.lastUsedAt === null ? null : iso(key.lastUsedAt) })
const accountAnswer = (c: Context, view: AccountView) => ({
  username: view.username,
  github_login: view.githubLogin,
  created_at: iso(view.createdAt),
  base_url: `${new URL(c.req.url).origin}/${view.username}/v1`,
  keys: view.keys.map(keyAnswer),
})

const signInAgain = `Sign in with GitHub again (a session lasts ${SESSION_SECONDS / 60} minutes).`

/** The session of the request, which every account route needs. */
async function signedIn(c: Context<CopilotEnv>): Promise<Session> {
  const session = await sessionOf(c, c.var.runtime.sessionKeys)
  if (!session) throw new RelayError(401, 'not_signed_in', `This browser has no session, or it ended. ${signInAgain}`)
  // The audit trail names the GitHub user who acted.
  c.set('caller', `github:${session.user.id}`)
  return session
}

const noAccount = (username: string) => new RelayError(404, 'account_not_found', `You own no account named "${username}". Choose a username to sign up.`)

/** The GitHub user and token a sign-up binds: the pasted token's owner, or the user of the device-flow sign-in of this session. */
async function signingUp(c: Context<CopilotEnv>, pasted: string | undefined): Promise<{ user: VerifiedGitHubUser; githubToken: string; pasted: boolean }> {
  const { runtime, settings } = c.var
  if (pasted) {
    const setup = setupPageUrl(c)
    const user = await answeringProblems(setup, () => verifyGitHubUser(runtime.deps, pasted, settings.githubUsers, setup))
    c.set('caller', `github:${user.id}`)
    return { user, githubToken: pasted, pasted: true }
  }
  const session = await signedIn(c)
  const sealed = session.signInId ? await runtime.signIns.sealedTokenOf(session.signInId, session.user.id) : null
  if (!session.signInId || sealed === null) throw new RelayError(401, 'not_signed_in', `This session holds no GitHub token to sign up with. ${signInAgain}`)
  return { user: session.user, githubToken: await runtime.vault.open(sealed, signInOwner(session.signInId)), pasted: false }
}

/** Only a username that passes the contract is written to the audit trail. */
const auditedAccount = (body: Record<string, unknown>, _settings: unknown, params: Record<string, string>) => {
  const username = params.username ?? body.username
  return Username.safeParse(username).success ? { account: username as string } : {}
}

/** GitHub's and Copilot's answers, as opposed to relaykit's own refusals. */
const isUpstreamFailure = (code: string) => /^(github|copilot)_/.test(code) && code !== 'github_user_not_allowed'

/**
 * The accounts as their owners manage them from the setup page, each route behind a fresh
 * GitHub sign-in (the session cookie), from relaykit's own origin only, and every write in the
 * audit trail. A session's GitHub user can only ever reach the accounts bound to them.
 */
export function accounts() {
  const app = new OpenAPIHono<CopilotEnv>({ defaultHook: validationHook })
  const noStore = async (c: Context, next: () => Promise<void>) => {
    c.header('Cache-Control', 'no-store')
    await next()
  }
  for (const route of accountRoutes) app.use(honoPath(route.path), ownOriginOnly(), noStore)
  // A pasted token is a guess at someone's token until GitHub says otherwise.
  app.use(signUpAccount.path, rateLimit(copilotSignInRateLimit, { whenUnavailable: 'refuse' }))
  const audited: [typeof signUpAccount | typeof createKey | typeof revokeKey | typeof deleteAccount, string][] = [
    [signUpAccount, 'signUpCopilotAccount'],
    [createKey, 'createCopilotKey'],
    [revokeKey, 'revokeCopilotKey'],
    [deleteAccount, 'deleteCopilotAccount'],
  ]
  for (const [route, operation] of audited) {
    app.on(route.method.toUpperCase(), honoPath(route.path), auditWrites<CopilotEnv['Variables']['settings']>(operation, auditedAccount, isUpstreamFailure))
  }

  app.openapi(signUpAccount, async (c) => {
    const { username, github_token: pasted } = c.req.valid('json')
    const { runtime } = c.var
    const { user, githubToken, pasted: fromPaste } = await signingUp(c, pasted)
    const outcome = await runtime.accounts.signUp(username, user, githubToken)
    if (outcome.outcome === 'invalid_username') {
      throw new RelayError(422, 'invalid_username', outcome.reason, { details: [{ field: 'body.username', rule: 'invalid_username', message: outcome.reason }] })
    }
    if (outcome.outcome === 'taken') throw new RelayError(409, 'username_taken', `The username "${username}" belongs to another GitHub user. Choose another.`)
    runtime.accountCache.forget(username)
    const view = await runtime.accounts.view(username, user.id)
    if (!view) throw noAccount(username)
    if (fromPaste) await startSession(c, runtime.sessionKeys, user)
    return c.json(accountAnswer(c, view), outcome.outcome === 'created' ? 201 : 200)
  })

  app.openapi(getAccount, async (c) => {
    const { username } = c.req.valid('param')
    const session = await signedIn(c)
    const view = await c.var.runtime.accounts.view(username, session.user.id)
    if (!view) throw noAccount(username)
    return c.json(accountAnswer(c, view), 200)
  })

  app.openapi(getAccountUsage, async (c) => {
    const { username } = c.req.valid('param')
    const session = await signedIn(c)
    const { runtime } = c.var
    const setup = setupPageUrl(c)
    const quota = await answeringProblems(setup, async () => {
      const githubToken = await runtime.accounts.ownersGithubToken(username, session.user.id)
      if (githubToken === null) throw noAccount(username)
      return fetchCopilotQuota(runtime.deps, githubToken, setup)
    })
    return c.json(quota, 200)
  })

  app.openapi(createKey, async (c) => {
    const { username } = c.req.valid('param')
    const { name } = c.req.valid('json')
    const session = await signedIn(c)
    const created = await c.var.runtime.accounts.createKey(username, session.user.id, name)
    switch (created.outcome) {
      case 'created':
        return c.json({ ...keyAnswer(created.view), key: created.key }, 201)
      case 'invalid_name':
        throw new RelayError(422, 'invalid_key_name', created.reason, { details: [{ field: 'body.name', rule: 'invalid_key_name', message: created.reason }] })
      case 'not_owner':
        throw noAccount(username)
      case 'name_taken':
        throw new RelayError(409, 'key_name_taken', `The account already has a key named "${name.trim()}". Choose another name, or revoke that key first.`)
      case 'too_many':
        throw new RelayError(409, 'too_many_keys', 'The account holds as many keys as it may. Revoke one it no longer needs first.')
    }
  })

  app.openapi(revokeKey, async (c) => {
    const { username, key_id: keyId } = c.req.valid('param')
    const session = await signedIn(c)
    const { runtime } = c.var
    const revoked = await runtime.accounts.revokeKey(username, session.user.id, keyId)
    if (revoked === 'not_owner') throw noAccount(username)
    if (revoked === 'unknown') throw new RelayError(404, 'key_not_found', 'The account has no such key: it may be revoked already.')
    runtime.accountChanged(username)
    return c.json({ id: keyId, revoked: true as const }, 200)
  })

  app.openapi(deleteAccount, async (c) => {
    const { username } = c.req.valid('param')
    const session = await signedIn(c)
    const { runtime } = c.var
    if ((await runtime.accounts.deleteAccount(username, session.user.id)) === 'not_owner') throw noAccount(username)
    runtime.accountChanged(username)
    return c.json({ username, deleted: true as const }, 200)
  })

  return app
}
