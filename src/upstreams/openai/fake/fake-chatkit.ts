// In-memory stand-in for OpenAI's ChatKit sessions API (`POST /v1/chatkit/sessions` and
// `POST /v1/chatkit/sessions/{id}/cancel`), used as relaykit's upstream in the local sandbox and
// in tests. Sessions are typed with the official `openai` package's types, so they keep OpenAI's
// shapes; errors keep OpenAI's shape and statuses (an unknown workflow is 404, as OpenAI answers).
import type { SessionCreateParams } from 'openai/resources/beta/chatkit/sessions'
import type { ChatSession } from 'openai/resources/beta/chatkit/threads'
import { openAIError, type OpenAIFailure, type RecordedOpenAIRequest } from './fake-openai.js'
import { forcedAnswer, recordedBody } from '../../fake-failures.js'

export interface RecordedChatKitRequest extends RecordedOpenAIRequest {
  /** The `OpenAI-Beta` header. */
  beta: string | null
}

export interface FakeChatKitOptions {
  /** The API key it accepts; any key when unset. */
  apiKey?: string
  /** The workflow ids that exist; any id when unset. */
  workflows?: readonly string[]
}

export interface FakeChatKit {
  fetch(request: Request): Promise<Response>
  readonly received: ReadonlyArray<RecordedChatKitRequest>
  /** Every session it created, oldest first, as OpenAI would answer for each now. */
  readonly sessions: ReadonlyArray<ChatSession>
  failNext(failure: OpenAIFailure): void
}

const BETA = 'chatkit_beta=v1'
/** OpenAI's default session life, which is also the most `expires_after` may ask for. */
const MAX_SECONDS = 600
const DEFAULT_REQUESTS_PER_MINUTE = 10

const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('')

const invalid = (message: string, code: string | null = null) => openAIError(400, message, 'invalid_request_error', code)

export function createFakeChatKit({ apiKey, workflows }: FakeChatKitOptions = {}): FakeChatKit {
  const received: RecordedChatKitRequest[] = []
  const failures: OpenAIFailure[] = []
  const sessions = new Map<string, ChatSession>()

  /** A session as it stands now: an active one past its expiry has expired. */
  function current(id: string): ChatSession | undefined {
    const session = sessions.get(id)
    if (session?.status === 'active' && session.expires_at <= Date.now() / 1000) session.status = 'expired'
    return session
  }

  function create(params: Partial<SessionCreateParams> | undefined): Response {
    if (typeof params?.user !== 'string' || params.user === '') return invalid("Missing required parameter: 'user'.", 'missing_required_parameter')
    const workflowId = params.workflow?.id
    if (typeof workflowId !== 'string' || workflowId === '') return invalid("Missing required parameter: 'workflow.id'.", 'missing_required_parameter')
    const seconds = params.expires_after?.seconds ?? MAX_SECONDS
    if (params.expires_after && (params.expires_after.anchor !== 'created_at' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS)) {
      return invalid(`Invalid 'expires_after': the anchor must be 'created_at' and seconds from 1 to ${MAX_SECONDS}.`, 'invalid_value')
    }
    if (workflows && !workflows.includes(workflowId)) return openAIError(404, `Workflow with id '${workflowId}' not found.`, 'invalid_request_error')
    const perMinute = params.rate_limits?.max_requests_per_1_minute ?? DEFAULT_REQUESTS_PER_MINUTE
    const session: ChatSession = {
      id: `cksess_${randomHex(24)}`,
      object: 'chatkit.session',
      client_secret: `ek_${randomHex(24)}`,
      expires_at: Math.floor(Date.now() / 1000) + seconds,
      workflow: {
        id: workflowId,
        version: params.workflow?.version ?? null,
        state_variables: params.workflow?.state_variables ?? null,
        tracing: { enabled: params.workflow?.tracing?.enabled ?? true },
      },
      user: params.user,
      rate_limits: { max_requests_per_1_minute: perMinute },
      max_requests_per_1_minute: perMinute,
      status: 'active',
      chatkit_configuration: {
        automatic_thread_titling: { enabled: true },
        file_upload: { enabled: false, max_file_size: 512, max_files: 10 },
        history: { enabled: true, recent_threads: null },
      },
    }
    sessions.set(session.id, session)
    return Response.json(session, { headers: { 'x-request-id': `req_${session.id}` } })
  }

  function cancel(id: string): Response {
    const session = current(id)
    if (!session) return openAIError(404, `Chatkit Session with id '${id}' not found.`, 'invalid_request_error')
    if (session.status === 'active') session.status = 'cancelled'
    return Response.json(session)
  }

  function answer(request: Request, body: unknown): Response {
    const key = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1]
    if (!key || (apiKey !== undefined && key !== apiKey)) return openAIError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
    if (request.headers.get('openai-beta') !== BETA) return invalid(`The ChatKit API needs the header 'OpenAI-Beta: ${BETA}'.`)
    const path = new URL(request.url).pathname
    if (request.method === 'POST' && path.endsWith('/chatkit/sessions')) return create(body as Partial<SessionCreateParams> | undefined)
    const cancelled = /\/chatkit\/sessions\/([^/]+)\/cancel$/.exec(path)
    if (request.method === 'POST' && cancelled) return cancel(decodeURIComponent(cancelled[1] ?? ''))
    return openAIError(404, `Invalid URL (${request.method} ${path})`, 'invalid_request_error')
  }

  return {
    async fetch(request) {
      const body = await recordedBody(request)
      const headers = request.headers
      received.push({ method: request.method, path: new URL(request.url).pathname, authorization: headers.get('authorization'), beta: headers.get('openai-beta'), body })
      const failure = failures.shift()
      return failure ? forcedAnswer(failure, request) : answer(request, body)
    },
    get received() {
      return received
    },
    get sessions() {
      return [...sessions.keys()].flatMap((id) => current(id) ?? [])
    },
    failNext: (failure) => void failures.push(failure),
  }
}
