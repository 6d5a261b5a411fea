import * as z from 'zod'
import { upstreamReason } from './failures.js'
import { githubHeaders } from './headers.js'
import { type CopilotProblem, CopilotUpstreamError } from './problem.js'
import type { CopilotDeps } from './settings.js'
import { readAnswer, send } from './upstream-call.js'

/** A device-flow sign-in GitHub started: the code a person enters at the address, and how often to ask whether they did. */
export interface DeviceCode {
  /** Stays on the server: whoever holds it receives the token. */
  deviceCode: string
  userCode: string
  verificationUri: string
  expiresInSeconds: number
  intervalSeconds: number
}

const deviceCodeAnswer = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.string().min(1),
  expires_in: z.number(),
  interval: z.number().optional(),
})

/** GitHub's interval when it names none. */
const DEFAULT_INTERVAL_SECONDS = 5
/** What `slow_down` adds to the interval, for that poll and every later one. */
const SLOW_DOWN_SECONDS = 5

const deviceFlowFailed = (reason: string | undefined): CopilotProblem => ({
  status: 502,
  code: 'github_device_flow_error',
  message: `GitHub refused the sign-in${reason ? `: "${reason}"` : ''}. The operator should check the Copilot client id setting; start the sign-in again.`,
})

const post = (deps: CopilotDeps, path: string, body: Record<string, string>) =>
  send(deps, 'GitHub', new Request(`${deps.settings.githubWebUrl}${path}`, { method: 'POST', headers: githubHeaders(), body: JSON.stringify(body) }))

/** Starts a device-flow sign-in with the configured OAuth app. */
export async function requestDeviceCode(deps: CopilotDeps): Promise<DeviceCode> {
  const response = await post(deps, '/login/device/code', { client_id: deps.settings.clientId, scope: deps.settings.scope })
  const { json, text } = await readAnswer(response)
  const answer = deviceCodeAnswer.safeParse(json)
  if (!response.ok || !answer.success) throw new CopilotUpstreamError(deviceFlowFailed(upstreamReason(json, text)))
  return {
    deviceCode: answer.data.device_code,
    userCode: answer.data.user_code,
    verificationUri: answer.data.verification_uri,
    expiresInSeconds: answer.data.expires_in,
    intervalSeconds: answer.data.interval ?? DEFAULT_INTERVAL_SECONDS,
  }
}

/** Where a device-flow sign-in stands after one poll. */
export type DevicePoll =
  | { state: 'approved'; accessToken: string }
  /** Not yet: poll again after `intervalSeconds`. */
  | { state: 'pending'; intervalSeconds: number }
  /** Polled too often: poll again after the longer `intervalSeconds`, and keep it. */
  | { state: 'slow_down'; intervalSeconds: number }
  | { state: 'expired' }
  | { state: 'denied' }
  | { state: 'failed'; problem: CopilotProblem }

const pollAnswer = z.object({
  access_token: z.string().min(1).optional(),
  error: z.string().optional(),
  interval: z.number().optional(),
})

/**
 * Asks GitHub once whether the person approved the sign-in. GitHub's answer is read from its
 * body whatever the status, as it sends pending and errors with 200 or 400 alike.
 */
export async function pollDeviceCode(deps: CopilotDeps, deviceCode: string, intervalSeconds: number): Promise<DevicePoll> {
  const response = await post(deps, '/login/oauth/access_token', {
    client_id: deps.settings.clientId,
    device_code: deviceCode,
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
  })
  const { json, text } = await readAnswer(response)
  const answer = pollAnswer.safeParse(json)
  if (!answer.success) return { state: 'failed', problem: deviceFlowFailed(upstreamReason(json, text)) }
  const { access_token: accessToken, error, interval } = answer.data
  if (accessToken) return { state: 'approved', accessToken }
  if (error === 'authorization_pending') return { state: 'pending', intervalSeconds }
  if (error === 'slow_down') return { state: 'slow_down', intervalSeconds: Math.max(intervalSeconds + SLOW_DOWN_SECONDS, interval ?? 0) }
  if (error === 'expired_token') return { state: 'expired' }
  if (error === 'access_denied') return { state: 'denied' }
  return { state: 'failed', problem: deviceFlowFailed(upstreamReason(json, text) ?? error) }
}
