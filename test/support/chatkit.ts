import type { ChatKitSessionRecord } from '../../src/relays/chatkit/sessions/session-record.js'
import type { Env } from '../../src/platform/env.js'
import { createFakeChatKit } from '../../src/upstreams/openai/fake/fake-chatkit.js'
import { relaykit, secrets } from './harness.js'

// The chatkit relay's tests: relaykit with a fake ChatKit API (OpenAI's real shapes and statuses)
// as its OpenAI, and a browser's view of it: the visitor cookie it keeps and sends back.

export const workflows = { default: 'wf_test_default', support: 'wf_test_support' } as const

export const CHATKIT_COOKIE_SECRET = 'chatkit-cookie-secret-0123456789abcdef0123'

export const chatkitEnv: Partial<Env> = {
  CHATKIT_WORKFLOW_ID: workflows.default,
  CHATKIT_WORKFLOWS: `support=${workflows.support}`,
  CHATKIT_COOKIE_SECRET,
  // Every test shares the client address `unknown`; tests of the limits set their own.
  RATE_LIMIT_CHATKIT_IP: '1000/second',
  RATE_LIMIT_CHATKIT_USER: '1000/second',
}

export interface ChatKitAnswer {
  client_secret?: string
  expires_at?: number
  error?: string
  message?: string
  retry_after_seconds?: number
}

/** The `name=value` a browser sends back for the cookie a response set. */
export const cookieOf = (response: Response) => response.headers.get('Set-Cookie')?.split(';')[0]

type Fetch = (request: Request) => Promise<Response>

/** relaykit with the chatkit relay on; `upstream` may put something between relaykit and the fake. */
export function chatkitWorker(overrides: Partial<Env> = {}, upstream: (fake: Fetch) => Fetch = (fake) => fake) {
  const chatkit = createFakeChatKit({ apiKey: secrets.OPENAI_API_KEY, workflows: Object.values(workflows) })
  const worker = relaykit({ ...chatkitEnv, ...overrides }, { openaiFetch: upstream(chatkit.fetch) })
  const post = (path: string, headers: Record<string, string> = {}, body?: unknown) =>
    worker.fetch(path, {
      method: 'POST',
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    })
  /** The users ChatKit sessions were created for, in order. */
  const users = () => chatkit.received.filter((request) => request.path.endsWith('/chatkit/sessions')).map((request) => (request.body as { user: string }).user)
  return {
    ...worker,
    chatkit,
    users,
    /** POST /api/chatkit/start as the guide's page sends it: no body unless given. */
    start: (headers: Record<string, string> = {}, body?: unknown) => post('/api/chatkit/start', headers, body),
    refresh: (currentClientSecret: string, headers: Record<string, string> = {}) => post('/api/chatkit/refresh', headers, { currentClientSecret }),
  }
}

/** A visitor's browser: it keeps the cookie relaykit sets and sends it back. */
export function browser(worker: ReturnType<typeof chatkitWorker>, headers: Record<string, string> = {}) {
  let cookie: string | undefined
  const withCookie = () => ({ ...headers, ...(cookie ? { Cookie: cookie } : {}) })
  const keep = (response: Response) => {
    cookie = cookieOf(response) ?? cookie
    return response
  }
  return {
    start: async (body?: unknown) => keep(await worker.start(withCookie(), body)),
    refresh: async (secret: string) => keep(await worker.refresh(secret, withCookie())),
    get cookie() {
      return cookie
    },
  }
}

type SessionRecords = DurableObjectNamespace<ChatKitSessionRecord>

/** CHATKIT_SESSIONS whose first call of `method` on any record fails, as a lost connection would. */
export function failingOnce(records: SessionRecords, method: keyof ChatKitSessionRecord): SessionRecords {
  let failed = false
  const get = (id: DurableObjectId) =>
    new Proxy(records.get(id), {
      get(record, key) {
        if (key !== method || failed) return Reflect.get(record, key)
        failed = true
        return () => Promise.reject(new Error('Network connection lost.'))
      },
    })
  return { idFromName: (name: string) => records.idFromName(name), get } as unknown as SessionRecords
}
