import { env as bindings } from 'cloudflare:workers'
import type { Env } from '../../src/platform/env.js'
import type { FakeCopilotOptions } from '../../src/upstreams/copilot/fake/fake-copilot.js'
import { FAKE_OCTOCAT, type FakeGitHubOptions, type FakeGitHubUser } from '../../src/upstreams/copilot/fake/fake-github.js'
import { createFakeUpstreams, FAKE_COPILOT_API_URL, FAKE_GITHUB_API_URL, FAKE_GITHUB_URL } from '../../src/upstreams/copilot/fake/fake-upstreams.js'
import { ORIGIN, relaykit } from './harness.js'
import { scopedNamespace } from './scoped-namespace.js'

// The Copilot bridge's tests: relaykit with a fake GitHub and a fake Copilot (which know each
// other's tokens), accounts of each worker's own, and a browser's view of the setup page: the
// session cookie it keeps and sends back from relaykit's own origin.

/** Test secret: base64 of 32 bytes. Never in a log line, nor in clear in storage. */
export const COPILOT_TOKEN_KEY = 'dGVzdC1jb3BpbG90LXRva2VuLWtleS0zMi1ieXRlcyE='

export const HUBOT: FakeGitHubUser = { id: 2, login: 'hubot', githubToken: 'ghu_fakeHubotToken00000000000000000000000', copilot: true }
export const MALLORY: FakeGitHubUser = { id: 666, login: 'mallory', githubToken: 'ghu_fakeMalloryToken000000000000000000000', copilot: true }
/** Allowed to sign up, but without a Copilot seat. */
export const NOSEAT: FakeGitHubUser = { id: 7, login: 'noseat', githubToken: 'ghu_fakeNoSeatToken0000000000000000000000', copilot: false }
export const USERS = [FAKE_OCTOCAT, HUBOT, MALLORY, NOSEAT]

export const copilotEnv: Partial<Env> = {
  COPILOT_GITHUB_USERS: 'octocat,hubot,noseat',
  COPILOT_TOKEN_KEY,
  COPILOT_API_URL: FAKE_COPILOT_API_URL,
  COPILOT_GITHUB_URL: FAKE_GITHUB_URL,
  COPILOT_GITHUB_API_URL: FAKE_GITHUB_API_URL,
  // Every test shares the client address `unknown`; tests of the limits set their own.
  RATE_LIMIT_COPILOT: '1000/second',
  RATE_LIMIT_COPILOT_SIGN_IN: '1000/second',
}

export interface CopilotFakes {
  github?: FakeGitHubOptions
  copilot?: Omit<FakeCopilotOptions, 'acceptsToken'>
}

type Fetch = (request: Request) => Promise<Response>

/** The `name=value` of the cookie a response set. */
export const cookieOf = (response: Response) => response.headers.get('Set-Cookie')?.split(';')[0]

/**
 * relaykit with the Copilot bridge on, its own accounts and sign-ins (fresh objects), and the
 * fakes; the device flow is approved at once unless told otherwise. `upstream` may stand between
 * relaykit and the fakes.
 */
export function copilotWorker(overrides: Partial<Env> = {}, fakes: CopilotFakes = {}, upstream: (fake: Fetch) => Fetch = (fake) => fake) {
  const upstreams = createFakeUpstreams({ github: { users: USERS, deviceIntervalSeconds: 0, devicePolls: ['approved'], ...fakes.github }, copilot: fakes.copilot })
  const worker = relaykit(
    {
      ...copilotEnv,
      COPILOT_ACCOUNTS: scopedNamespace(bindings.COPILOT_ACCOUNTS!),
      COPILOT_SIGN_INS: scopedNamespace(bindings.COPILOT_SIGN_INS!),
      ...overrides,
    },
    { copilotFetch: upstream(upstreams.fetch) },
  )
  const send = (method: string, path: string, { headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {}) =>
    worker.fetch(path, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { ...worker, github: upstreams.github, copilot: upstreams.copilot, send }
}

export type CopilotWorker = ReturnType<typeof copilotWorker>

/** A browser on the setup page: it sends relaykit's own Origin, and keeps the session cookie. */
export function setupPage(worker: CopilotWorker) {
  let cookie: string | undefined
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await worker.send(method, path, { headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) }, body })
    cookie = cookieOf(response) ?? cookie
    return response
  }
  return {
    send,
    get cookie() {
      return cookie
    },
    /** The device flow as the page runs it: a code, then polls until it ends. */
    async signIn() {
      const started = await send('POST', '/github/get-device-code')
      const { flow_id: flowId } = (await started.json()) as { flow_id: string }
      for (;;) {
        const poll = await send('POST', '/github/poll-device-code', { flow_id: flowId })
        if (poll.status !== 202) return poll
      }
    },
    /** Signs in, takes the username and makes a key: what a person does before pointing a tool at the bridge. */
    async keyFor(username: string, name = 'laptop') {
      const signedIn = await this.signIn()
      if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}: ${await signedIn.text()}`)
      const account = await send('POST', '/copilot/accounts', { username })
      if (account.status >= 300) throw new Error(`sign-up answered ${account.status}: ${await account.text()}`)
      const created = await send('POST', `/copilot/accounts/${username}/keys`, { name })
      if (created.status !== 201) throw new Error(`key creation answered ${created.status}: ${await created.text()}`)
      return (await created.json()) as { id: string; key: string }
    },
  }
}

/** An account `username` of the device flow's user (octocat by default), and a key that opens it. */
export async function accountWithKey(worker: CopilotWorker, username = 'octocat') {
  const page = setupPage(worker)
  const { key, id } = await page.keyFor(username)
  return { page, key, keyId: id, bearer: { Authorization: `Bearer ${key}` } }
}

/** A failure forced on every request relaykit sends to `path`, wherever it goes. */
export type PathFailure = 'network-error' | 'hang' | (() => Response)

/** Stands between relaykit and the fakes, failing every request to `path` so. */
export const failing =
  (path: string, failure: PathFailure) =>
  (fake: Fetch): Fetch =>
  async (request) => {
    if (new URL(request.url).pathname !== path) return fake(request)
    if (failure === 'network-error') throw new TypeError('Network connection lost.')
    if (failure === 'hang') return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }))
    return failure()
  }
