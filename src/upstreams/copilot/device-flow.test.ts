import { describe, expect, it } from 'vitest'
import { pollDeviceCode, requestDeviceCode } from './device-flow.js'
import { createFakeUpstreams, FAKE_GITHUB_URL } from './fake/fake-upstreams.js'
import { FAKE_OCTOCAT } from './fake/fake-github.js'
import { fetchGitHubUser } from './github-user.js'
import type { CopilotUpstreamError } from './problem.js'
import type { CopilotDeps } from './settings.js'

const SETUP = 'https://relay.example/copilot'

/** A GitHub that answers every poll with this body and status. */
const answering = (body: unknown, status = 200): CopilotDeps => ({
  fetch: async () => Response.json(body, { status }),
  settings: createFakeUpstreams().deps.settings,
})

describe('requestDeviceCode', () => {
  it('starts a sign-in with the configured client id and scope', async () => {
    const { deps, github } = createFakeUpstreams()
    expect(await requestDeviceCode(deps)).toEqual({
      deviceCode: 'fake-device-code-1',
      userCode: 'FAKE-1001',
      verificationUri: 'https://github.com/login/device',
      expiresInSeconds: 900,
      intervalSeconds: 5,
    })
    expect(github.received[0]).toMatchObject({ method: 'POST', url: `${FAKE_GITHUB_URL}/login/device/code`, body: { client_id: 'Iv1.b507a08c87ecfe98', scope: 'read:user' } })
    expect(github.received[0]?.headers.accept).toBe('application/json')
  })

  it("quotes GitHub's reason when it refuses the client id", async () => {
    const { deps } = createFakeUpstreams()
    const error = await requestDeviceCode({ ...deps, settings: { ...deps.settings, clientId: 'Iv1.other' } }).catch((reason: unknown) => reason)
    expect((error as CopilotUpstreamError).problem).toMatchObject({ status: 502, code: 'github_device_flow_error', message: expect.stringContaining('client_id is not valid') })
  })
})

describe('pollDeviceCode', () => {
  it('is pending on the first poll and approved with the token on the second', async () => {
    const { deps, github } = createFakeUpstreams()
    const { deviceCode } = await requestDeviceCode(deps)
    expect(await pollDeviceCode(deps, deviceCode, 5)).toEqual({ state: 'pending', intervalSeconds: 5 })
    expect(await pollDeviceCode(deps, deviceCode, 5)).toEqual({ state: 'approved', accessToken: FAKE_OCTOCAT.githubToken })
    expect(github.received[1]?.body).toEqual({ client_id: 'Iv1.b507a08c87ecfe98', device_code: deviceCode, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' })
  })

  it('adds 5 seconds to the interval on slow_down, or takes the longer one GitHub names', async () => {
    expect(await pollDeviceCode(answering({ error: 'slow_down' }), 'd', 5)).toEqual({ state: 'slow_down', intervalSeconds: 10 })
    expect(await pollDeviceCode(answering({ error: 'slow_down', interval: 20 }), 'd', 5)).toEqual({ state: 'slow_down', intervalSeconds: 20 })
  })

  it('stops on expiry and on denial', async () => {
    expect(await pollDeviceCode(answering({ error: 'expired_token' }), 'd', 5)).toEqual({ state: 'expired' })
    expect(await pollDeviceCode(answering({ error: 'access_denied' }), 'd', 5)).toEqual({ state: 'denied' })
  })

  it("reads GitHub's answer from the body even when the status is 400", async () => {
    expect(await pollDeviceCode(answering({ error: 'authorization_pending' }, 400), 'd', 7)).toEqual({ state: 'pending', intervalSeconds: 7 })
  })

  it('fails with the reason on a configuration error', async () => {
    const poll = await pollDeviceCode(answering({ error: 'device_flow_disabled', error_description: 'Device flow is disabled for this app.' }), 'd', 5)
    expect(poll).toMatchObject({ state: 'failed', problem: { status: 502, code: 'github_device_flow_error', message: expect.stringContaining('Device flow is disabled') } })
  })

  it('fails when GitHub answers something that is not JSON', async () => {
    const deps: CopilotDeps = { fetch: async () => new Response('<html>busy</html>', { status: 503 }), settings: createFakeUpstreams().deps.settings }
    expect(await pollDeviceCode(deps, 'd', 5)).toMatchObject({ state: 'failed', problem: { code: 'github_device_flow_error' } })
  })

  it('follows a scripted denial', async () => {
    const { deps } = createFakeUpstreams({ github: { devicePolls: ['authorization_pending', 'access_denied'] } })
    const { deviceCode } = await requestDeviceCode(deps)
    await pollDeviceCode(deps, deviceCode, 5)
    expect(await pollDeviceCode(deps, deviceCode, 5)).toEqual({ state: 'denied' })
  })
})

describe('fetchGitHubUser', () => {
  it("learns the token's GitHub user id and login", async () => {
    const { deps, github } = createFakeUpstreams()
    expect(await fetchGitHubUser(deps, FAKE_OCTOCAT.githubToken, SETUP)).toEqual({ id: FAKE_OCTOCAT.id, login: 'octocat' })
    expect(github.received[0]?.headers.authorization).toBe(`token ${FAKE_OCTOCAT.githubToken}`)
  })

  it('refuses a token GitHub does not know', async () => {
    const { deps } = createFakeUpstreams()
    const error = await fetchGitHubUser(deps, 'ghu_unknown', SETUP).catch((reason: unknown) => reason)
    expect((error as CopilotUpstreamError).problem).toMatchObject({ status: 401, code: 'github_sign_in_expired' })
  })
})
