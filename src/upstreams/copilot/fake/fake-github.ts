import { presentedCredential, type RecordedRequest, recordRequest } from './recorder.js'

/** A GitHub user the fake knows. */
export interface FakeGitHubUser {
  id: number
  login: string
  /** The GitHub token the device flow issues to this user and the fake accepts from them. */
  githubToken: string
  /** Whether the user holds a Copilot seat (without one, the token exchange answers 404). */
  copilot: boolean
  /** The `/copilot_internal/user` answer; a paid plan's when unset. */
  quota?: Record<string, unknown>
}

/** What GitHub answers a device-flow poll with, in order; the last one repeats. */
export type FakeDevicePoll = 'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token' | 'approved'

export interface FakeGitHubOptions {
  users?: FakeGitHubUser[]
  /** Whose sign-in the device flow completes (a login among `users`). */
  deviceFlowUser?: string
  devicePolls?: FakeDevicePoll[]
  /** The device flow's polling interval, in seconds. */
  deviceIntervalSeconds?: number
  /** The OAuth app the device flow accepts. */
  clientId?: string
  /** Milliseconds since the epoch; the Copilot tokens' `expires_at` follows it. */
  now?: () => number
  copilotTokenLifetimeSeconds?: number
  /** `endpoints.api` of the Copilot tokens. */
  copilotApiEndpoint?: string
}

export const FAKE_OCTOCAT: FakeGitHubUser = { id: 583231, login: 'octocat', githubToken: 'ghu_fakeOctocatToken000000000000000000', copilot: true }

export const PAID_PLAN_QUOTA = {
  copilot_plan: 'individual',
  access_type_sku: 'monthly_subscriber',
  quota_reset_date: '2026-02-01',
  quota_snapshots: {
    chat: { entitlement: 0, remaining: 0, unlimited: true, percent_remaining: 100, overage_count: 0, overage_permitted: false, quota_id: 'chat', quota_remaining: 0 },
    completions: { entitlement: 0, remaining: 0, unlimited: true, percent_remaining: 100, overage_count: 0, overage_permitted: false, quota_id: 'completions', quota_remaining: 0 },
    premium_interactions: {
      entitlement: 300,
      remaining: 240,
      unlimited: false,
      percent_remaining: 80,
      overage_count: 0,
      overage_permitted: false,
      quota_id: 'premium_interactions',
      quota_remaining: 240,
    },
  },
}

const json = (body: unknown, status = 200) => Response.json(body, { status })

/**
 * In-memory GitHub for the Copilot bridge: the device flow (approved on the second poll unless
 * told otherwise), `GET /user`, the Copilot token exchange and the Copilot quota. It answers by
 * path, whatever the host, and records every request.
 */
export function createFakeGitHub({
  users = [FAKE_OCTOCAT],
  deviceFlowUser = users[0]?.login,
  devicePolls = ['authorization_pending', 'approved'],
  deviceIntervalSeconds = 5,
  clientId = 'Iv1.b507a08c87ecfe98',
  now = () => Date.now(),
  copilotTokenLifetimeSeconds = 1800,
  copilotApiEndpoint = 'https://api.individual.githubcopilot.com',
}: FakeGitHubOptions = {}) {
  const received: RecordedRequest[] = []
  const revokedGitHubTokens = new Set<string>()
  const copilotTokens = new Map<string, FakeGitHubUser>()
  const pollsByDeviceCode = new Map<string, number>()
  let issuedCopilotTokens = 0
  let issuedDeviceCodes = 0

  const userOf = (request: Request) => {
    const token = presentedCredential(request)
    return token && !revokedGitHubTokens.has(token) ? users.find((user) => user.githubToken === token) : undefined
  }
  const badCredentials = () => json({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }, 401)

  function deviceCode(body: Record<string, unknown>) {
    if (body.client_id !== clientId) return json({ error: 'unauthorized_client', error_description: 'The client_id is not valid for the device flow.' }, 400)
    issuedDeviceCodes += 1
    const code = `fake-device-code-${issuedDeviceCodes}`
    pollsByDeviceCode.set(code, 0)
    return json({
      device_code: code,
      user_code: `FAKE-${String(1000 + issuedDeviceCodes)}`,
      verification_uri: 'https://github.com/login/device',
      expires_in: 900,
      interval: deviceIntervalSeconds,
    })
  }

  function poll(body: Record<string, unknown>) {
    const code = typeof body.device_code === 'string' ? body.device_code : ''
    const polls = pollsByDeviceCode.get(code)
    if (polls === undefined || body.client_id !== clientId) return json({ error: 'incorrect_device_code', error_description: 'The device_code provided is not valid.' })
    pollsByDeviceCode.set(code, polls + 1)
    const outcome = devicePolls[Math.min(polls, devicePolls.length - 1)]
    if (outcome !== 'approved') return json({ error: outcome, ...(outcome === 'slow_down' ? { interval: deviceIntervalSeconds + 5 } : {}) })
    const user = users.find((candidate) => candidate.login === deviceFlowUser)
    return user ? json({ access_token: user.githubToken, token_type: 'bearer', scope: 'read:user' }) : json({ error: 'access_denied' })
  }

  function exchange(request: Request) {
    const user = userOf(request)
    if (!user) return badCredentials()
    if (!user.copilot) return json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, 404)
    issuedCopilotTokens += 1
    const expiresAt = Math.floor(now() / 1000) + copilotTokenLifetimeSeconds
    const token = `tid=fake${issuedCopilotTokens};exp=${expiresAt};sku=fake;proxy-ep=proxy.individual.githubcopilot.com:fakesig`
    copilotTokens.set(token, user)
    return json({ token, expires_at: expiresAt, refresh_in: copilotTokenLifetimeSeconds - 300, endpoints: { api: copilotApiEndpoint }, chat_enabled: true, sku: 'fake' })
  }

  async function answer(request: Request): Promise<Response> {
    const recorded = await recordRequest(request)
    received.push(recorded)
    const { path, body } = recorded
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
    if (request.method === 'POST' && path === '/login/device/code') return deviceCode(fields)
    if (request.method === 'POST' && path === '/login/oauth/access_token') return poll(fields)
    if (request.method === 'GET' && path === '/user') {
      const user = userOf(request)
      return user ? json({ login: user.login, id: user.id, type: 'User', name: null }) : badCredentials()
    }
    if (request.method === 'GET' && path === '/copilot_internal/v2/token') return exchange(request)
    if (request.method === 'GET' && path === '/copilot_internal/user') {
      const user = userOf(request)
      return user ? json(user.quota ?? PAID_PLAN_QUOTA) : badCredentials()
    }
    return json({ message: 'Not Found' }, 404)
  }

  return {
    fetch: answer,
    received: received as ReadonlyArray<RecordedRequest>,
    /** How many Copilot tokens the exchange issued. */
    get exchanges() {
      return issuedCopilotTokens
    },
    /** Whom a Copilot token was issued to, if it is one the fake issued and has not revoked. */
    copilotTokenOwner: (token: string) => copilotTokens.get(token),
    /** Copilot refuses every Copilot token issued so far (as when they lapse early). */
    revokeCopilotTokens: () => copilotTokens.clear(),
    /** GitHub refuses this GitHub token from now on (signed out, or the app's access revoked). */
    revokeGitHubToken: (token: string) => revokedGitHubTokens.add(token),
  }
}

export type FakeGitHub = ReturnType<typeof createFakeGitHub>
