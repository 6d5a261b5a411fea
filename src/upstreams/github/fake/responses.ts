// GitHub's response conventions: error bodies, Link pagination, and the
// headers every REST answer carries. Handlers return a Reply; the fake
// turns it into a Response so handlers stay pure and easy to read.

export interface Reply {
  status: number
  body?: unknown // undefined = no body; strings are sent as-is, anything else as JSON
  headers?: Record<string, string>
}

export const API_VERSION = '2022-11-28'
export const DOCS_ROOT = 'https://docs.github.com/rest'

export const DOCS = {
  listPulls: `${DOCS_ROOT}/pulls/pulls#list-pull-requests`,
  createComment: `${DOCS_ROOT}/issues/comments#create-an-issue-comment`,
  addLabels: `${DOCS_ROOT}/issues/labels#add-labels-to-an-issue`,
  repoDispatch: `${DOCS_ROOT}/repos/repos#create-a-repository-dispatch-event`,
  workflowDispatch: `${DOCS_ROOT}/actions/workflows#create-a-workflow-dispatch-event`,
} as const

// GitHub sends `status` as a string inside error bodies.
export function errorReply(status: number, message: string, docs: string = DOCS_ROOT): Reply {
  return { status, body: { message, documentation_url: docs, status: String(status) } }
}

export const notFound = (docs: string = DOCS_ROOT): Reply => errorReply(404, 'Not Found', docs)

export interface ValidationErrorItem {
  resource: string
  code: string
  field: string
  message?: string
  value?: string
}

// Model-level failures ("Validation Failed" + errors[]).
export function validationFailed(docs: string, errors: ValidationErrorItem[]): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: docs, status: '422' } }
}

// Request-schema failures, which GitHub reports as "Invalid request.\n\n<detail>".
export function invalidRequest(docs: string, detail: string): Reply {
  return errorReply(422, `Invalid request.\n\n${detail}`, docs)
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reply: Reply }

export function parseJsonBody(text: string | null, docs: string): Parsed {
  if (text === null || text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, reply: errorReply(400, 'Problems parsing JSON', docs) }
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

// GitHub's own wording for a body that is not a JSON object ("nil" for none).
export function notAnObject(docs: string, value: unknown): Reply {
  return invalidRequest(docs, `For 'links/0/schema', ${value === undefined ? 'nil' : JSON.stringify(value)} is not an object.`)
}

// Same shape and rel order as GitHub: prev, next, last, first. URLs keep the
// caller's host and query, with only `page` changed.
export function linkHeader(requestUrl: string, page: number, lastPage: number): string | undefined {
  const at = (p: number) => {
    const u = new URL(requestUrl)
    u.searchParams.set('page', String(p))
    return `<${u.toString()}>`
  }
  const parts: string[] = []
  if (page > 1) parts.push(`${at(Math.min(page - 1, lastPage))}; rel="prev"`)
  if (page < lastPage) parts.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`)
  if (page > 1) parts.push(`${at(1)}; rel="first"`)
  return parts.length > 0 ? parts.join(', ') : undefined
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

export function toResponse(reply: Reply, common: Record<string, string>): Response {
  const headers = new Headers(common)
  let body: string | null = null
  if (reply.body !== undefined && !NULL_BODY_STATUSES.has(reply.status)) {
    if (typeof reply.body === 'string') {
      body = reply.body
    } else {
      body = JSON.stringify(reply.body)
      headers.set('content-type', 'application/json; charset=utf-8')
    }
  }
  for (const [k, v] of Object.entries(reply.headers ?? {})) headers.set(k, v)
  return new Response(body, { status: reply.status, headers })
}
