/// <reference types="node" />
// The deployment the Copilot bridge's real-client tests talk to: relaykit under `wrangler dev`, NOT
// in sandbox mode, with only the copilot relay on and configured as in production except that its
// GitHub and Copilot URLs point at the fakes, served over HTTP on loopback from the test's own
// process (so a test reads the fakes' records directly, and revokes their tokens).
import { createFakeCopilot, type FakeCopilot } from '../../src/upstreams/copilot/fake/fake-copilot.js'
import { createFakeGitHub, FAKE_OCTOCAT, type FakeGitHub, type FakeGitHubUser } from '../../src/upstreams/copilot/fake/fake-github.js'
import { startWranglerDev } from '../support/wrangler-dev-process.js'
import { withLoopbackFakes } from './loopback-server.js'

/** Production's form: base64 of 32 bytes. */
export const COPILOT_TOKEN_KEY = 'Y2xpZW50cy10ZXN0LWNvcGlsb3QtdG9rZW4ta2V5ISE='
export const HUBOT: FakeGitHubUser = { id: 2, login: 'hubot', githubToken: 'ghu_clientsTestHubotToken00000000000000', copilot: true }
/** Per account: the tests of one account stay under it; the limit's own test goes over it. */
export const ACCOUNT_LIMIT = 20
/** Between streamed events: long enough that a stream buffered until its end shows. */
export const CHUNK_DELAY_MS = 30

export interface CopilotWithFakes {
  baseUrl: string
  github: FakeGitHub
  copilot: FakeCopilot
  log(): string
  stop(): Promise<void>
}

export async function startCopilotWithFakes(): Promise<CopilotWithFakes> {
  return withLoopbackFakes(async (serve) => {
    let github: FakeGitHub | undefined
    const copilotServer = await serve(() => createFakeCopilot({ acceptsToken: (token) => github?.copilotTokenOwner(token) !== undefined, chunkDelayMs: CHUNK_DELAY_MS }))
    // The device flow signs in whoever the test says; approved on the first poll, which may come at once.
    const githubServer = await serve(() =>
      createFakeGitHub({ users: [FAKE_OCTOCAT, HUBOT], deviceIntervalSeconds: 0, devicePolls: ['approved'], copilotApiEndpoint: copilotServer.origin }),
    )
    github = githubServer.handler
    const wrangler = await startWranglerDev({
      vars: {
        RELAYS: 'copilot',
        COPILOT_GITHUB_USERS: 'octocat,hubot',
        COPILOT_TOKEN_KEY,
        COPILOT_API_URL: copilotServer.origin,
        COPILOT_GITHUB_URL: githubServer.origin,
        COPILOT_GITHUB_API_URL: githubServer.origin,
        RATE_LIMIT_COPILOT: `${ACCOUNT_LIMIT}/hour`,
        RATE_LIMIT_COPILOT_SIGN_IN: 'off',
      },
      applyMigrations: true,
    })
    return { wrangler, baseUrl: wrangler.baseUrl, github, copilot: copilotServer.handler, log: wrangler.log }
  })
}

/** A person on the setup page, in plain HTTP: signs in (or pastes a token), takes a username, makes keys. */
export function setupPageOf(baseUrl: string) {
  let cookie: string | undefined
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(cookie ? { Cookie: cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    cookie = response.headers.get('Set-Cookie')?.split(';')[0] ?? cookie
    return response
  }
  const json = async (response: Response) => {
    if (response.status >= 300) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as Record<string, unknown>
  }
  return {
    send,
    get cookie() {
      return cookie
    },
    async signInWithDeviceFlow() {
      const { flow_id: flowId } = await json(await send('POST', '/github/get-device-code'))
      return json(await send('POST', '/github/poll-device-code', { flow_id: flowId }))
    },
    signUp: async (username: string, githubToken?: string) => json(await send('POST', '/copilot/accounts', { username, ...(githubToken ? { github_token: githubToken } : {}) })),
    makeKey: async (username: string, name: string) => (await json(await send('POST', `/copilot/accounts/${username}/keys`, { name }))) as { id: string; key: string },
    revokeKey: async (username: string, id: string) => json(await send('DELETE', `/copilot/accounts/${username}/keys/${id}`)),
  }
}
