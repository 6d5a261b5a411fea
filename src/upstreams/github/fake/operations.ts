// The five GitHub REST operations relaykit calls, answered from FakeState with
// GitHub's status codes, validation rules and error wording.
import { API_ORIGIN, WEB_ORIGIN, issueComment, label, pullRequestSimple, sortLabels } from './objects.js'
import { DOCS, errorReply, invalidRequest, isPlainObject, linkHeader, notAnObject, notFound, parseJsonBody, validationFailed, type Reply } from './responses.js'
import { findRepo, isoNow, type FakeState, type LabelState, type PullState, type RepoState } from './state.js'

export interface OperationContext {
  state: FakeState
  url: URL
  body: string | null
  params: string[] // decoded path placeholders, in path order
}

type Handler = (ctx: OperationContext) => Reply

// Path templates use '*' for a placeholder segment.
const ROUTES: { method: string; path: string[]; handler: Handler }[] = [
  { method: 'GET', path: ['repos', '*', '*', 'pulls'], handler: listPulls },
  { method: 'POST', path: ['repos', '*', '*', 'issues', '*', 'comments'], handler: createComment },
  { method: 'POST', path: ['repos', '*', '*', 'issues', '*', 'labels'], handler: addLabels },
  { method: 'POST', path: ['repos', '*', '*', 'dispatches'], handler: createDispatchEvent },
  { method: 'POST', path: ['repos', '*', '*', 'actions', 'workflows', '*', 'dispatches'], handler: createWorkflowDispatch },
]

export function matchRoute(method: string, segments: string[]): { handler: Handler; params: string[] } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method || r.path.length !== segments.length) continue
    const params: string[] = []
    if (r.path.every((p, i) => p === segments[i] || (p === '*' && params.push(segments[i] ?? '') > 0))) {
      return { handler: r.handler, params }
    }
  }
  return undefined
}

function repoOf(ctx: OperationContext): RepoState | undefined {
  return findRepo(ctx.state, ctx.params[0] ?? '', ctx.params[1] ?? '')
}

// GitHub answers 404 for non-numeric issue numbers too.
function pullOf(ctx: OperationContext, repo: RepoState): PullState | undefined {
  const raw = ctx.params[2] ?? ''
  return /^\d+$/.test(raw) ? repo.pulls.find((p) => p.number === Number(raw)) : undefined
}

function positiveInt(raw: string | null, fallback: number): number {
  const n = raw !== null && /^\d+$/.test(raw) ? Number(raw) : 0
  return n >= 1 ? n : fallback
}

function badQueryParam(field: string, value: string): Reply {
  return validationFailed(DOCS.listPulls, [{ resource: 'PullRequest', field, code: 'invalid', value }])
}

function listPulls(ctx: OperationContext): Reply {
  const repo = repoOf(ctx)
  if (!repo) return notFound(DOCS.listPulls)
  const q = ctx.url.searchParams
  const state = q.get('state') || 'open'
  const sort = q.get('sort') || 'created'
  if (!['open', 'closed', 'all'].includes(state)) return badQueryParam('state', state)
  if (!['created', 'updated', 'popularity', 'long-running'].includes(sort)) return badQueryParam('sort', sort)
  const direction = q.get('direction') || (sort === 'created' ? 'desc' : 'asc')
  if (direction !== 'asc' && direction !== 'desc') return badQueryParam('direction', direction)
  const perPage = Math.min(positiveInt(q.get('per_page'), 30), 100)
  const page = positiveInt(q.get('page'), 1)

  // `head` is user:ref; a bare ref means a branch in the base repo's owner.
  const head = q.get('head')
  const [headUser, headRef] = head?.includes(':') ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)] : [repo.owner.login, head]
  const base = q.get('base')

  // long-running falls back to created ordering; popularity is comment count.
  const key = (p: PullState): string | number => (sort === 'updated' ? p.updatedAt : sort === 'popularity' ? p.comments : p.createdAt)
  const sign = direction === 'asc' ? 1 : -1
  const matching = repo.pulls
    .filter((p) => state === 'all' || p.state === state)
    .filter((p) => head === null || (p.head.repo.owner.login.toLowerCase() === headUser.toLowerCase() && p.head.ref === headRef))
    .filter((p) => base === null || p.base.ref === base)
    .sort((a, b) => {
      const ka = key(a)
      const kb = key(b)
      return sign * (ka < kb ? -1 : ka > kb ? 1 : a.number - b.number)
    })

  const lastPage = Math.max(1, Math.ceil(matching.length / perPage))
  const items = matching.slice((page - 1) * perPage, page * perPage).map((p) => pullRequestSimple(repo, p))
  const link = linkHeader(ctx.url.toString(), page, lastPage)
  return { status: 200, body: items, headers: link ? { link } : {} }
}

/** The pull request an issue-style write targets, and its parsed JSON body, or the reply GitHub would give. */
function pullWrite(ctx: OperationContext, docs: string): { repo: RepoState; pr: PullState; input: unknown } | { reply: Reply } {
  const repo = repoOf(ctx)
  const pr = repo && pullOf(ctx, repo)
  if (!repo || !pr) return { reply: notFound(docs) }
  const parsed = parseJsonBody(ctx.body, docs)
  if (!parsed.ok) return { reply: parsed.reply }
  return { repo, pr, input: parsed.value }
}

function createComment(ctx: OperationContext): Reply {
  const docs = DOCS.createComment
  const target = pullWrite(ctx, docs)
  if ('reply' in target) return target.reply
  const { repo, pr, input } = target
  if (!isPlainObject(input)) return notAnObject(docs, input)
  if (typeof input.body !== 'string') return invalidRequest(docs, '"body" wasn\'t supplied.')
  if (input.body.trim() === '') {
    return validationFailed(docs, [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body cannot be blank' }])
  }
  if (input.body.length > 65536) {
    return validationFailed(docs, [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }])
  }
  const comment = { id: ctx.state.nextId(), issueNumber: pr.number, body: input.body, user: ctx.state.viewer, createdAt: isoNow() }
  repo.comments.push(comment)
  pr.comments += 1
  pr.updatedAt = comment.createdAt
  const out = issueComment(repo, comment, 'MEMBER')
  return { status: 201, body: out, headers: { location: out.url } }
}

function addLabels(ctx: OperationContext): Reply {
  const docs = DOCS.addLabels
  const target = pullWrite(ctx, docs)
  if ('reply' in target) return target.reply
  const { repo, pr, input } = target
  // GitHub also takes a bare array, though the schema only documents {labels}.
  const raw = Array.isArray(input) ? input : isPlainObject(input) ? input.labels : undefined
  if (!Array.isArray(raw) || raw.length === 0) return invalidRequest(docs, 'No subschema in "oneOf" matched.')
  const names: string[] = []
  for (const item of raw) {
    const name = typeof item === 'string' ? item : isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined
    if (name === undefined) return invalidRequest(docs, 'No subschema in "oneOf" matched.')
    // A suggested label waits for human review instead of being applied.
    if (isPlainObject(item) && item.suggest === true) continue
    if (name.trim() === '') return validationFailed(docs, [{ resource: 'Label', code: 'missing_field', field: 'name' }])
    if (name.length > 50) {
      return validationFailed(docs, [{ resource: 'Label', code: 'custom', field: 'name', message: 'name is too long (maximum is 50 characters)' }])
    }
    names.push(name.trim())
  }
  for (const name of names) {
    // Label names are unique per repo ignoring case; unknown ones get created in GitHub's default grey.
    let l: LabelState | undefined = repo.labels.find((x) => x.name.toLowerCase() === name.toLowerCase())
    if (!l) {
      l = { id: ctx.state.nextId(), name, description: '', color: 'ededed', default: false }
      repo.labels.push(l)
    }
    if (!pr.labels.includes(l)) pr.labels.push(l)
  }
  if (names.length > 0) pr.updatedAt = isoNow()
  return { status: 200, body: sortLabels(pr.labels).map((l) => label(repo, l)) }
}

function createDispatchEvent(ctx: OperationContext): Reply {
  const docs = DOCS.repoDispatch
  const repo = repoOf(ctx)
  if (!repo) return notFound(docs)
  const parsed = parseJsonBody(ctx.body, docs)
  if (!parsed.ok) return parsed.reply
  const input = parsed.value
  if (!isPlainObject(input)) return notAnObject(docs, input)
  const { event_type: eventType, client_payload: payload } = input
  if (typeof eventType !== 'string') return invalidRequest(docs, '"event_type" wasn\'t supplied.')
  if (eventType.length === 0) return invalidRequest(docs, 'event_type is too short (minimum is 1 character).')
  if (eventType.length > 100) return invalidRequest(docs, 'event_type is too long (maximum is 100 characters).')
  if (payload !== undefined) {
    if (!isPlainObject(payload)) return invalidRequest(docs, `For 'properties/client_payload', ${JSON.stringify(payload)} is not an object.`)
    const keys = Object.keys(payload).length
    if (keys > 10) return invalidRequest(docs, `No more than 10 properties are allowed; ${keys} were supplied.`)
    if (JSON.stringify(payload).length >= 65536) return invalidRequest(docs, 'client_payload must be less than 64KB.')
  }
  repo.dispatches.push({ eventType, clientPayload: payload })
  return { status: 204 }
}

function createWorkflowDispatch(ctx: OperationContext): Reply {
  const docs = DOCS.workflowDispatch
  const repo = repoOf(ctx)
  if (!repo) return notFound(docs)
  // workflow_id is either the numeric id or the workflow's file name.
  const wid = ctx.params[2] ?? ''
  const wf = repo.workflows.find((w) => (/^\d+$/.test(wid) ? w.id === Number(wid) : w.path.split('/').pop() === wid))
  if (!wf) return notFound(docs)
  const parsed = parseJsonBody(ctx.body, docs)
  if (!parsed.ok) return parsed.reply
  const input = parsed.value
  if (!isPlainObject(input)) return notAnObject(docs, input)
  const { ref, inputs = {}, return_run_details: details } = input
  if (typeof ref !== 'string') return invalidRequest(docs, '"ref" wasn\'t supplied.')
  if (!isPlainObject(inputs)) return invalidRequest(docs, `For 'properties/inputs', ${JSON.stringify(inputs)} is not an object.`)
  if (Object.keys(inputs).length > 25) return invalidRequest(docs, 'inputs can have at most 25 properties.')
  if (details !== undefined && typeof details !== 'boolean') {
    return invalidRequest(docs, `For 'properties/return_run_details', ${JSON.stringify(details)} is not a boolean.`)
  }
  if (wf.inputs === null) return errorReply(422, "Workflow does not have 'workflow_dispatch' trigger", docs)
  const short = ref.replace(/^refs\/(heads|tags)\//, '')
  if (!repo.branches.has(short) && !repo.tags.has(short)) return errorReply(422, `No ref found for: ${ref}`, docs)
  const declared = wf.inputs
  const unexpected = Object.keys(inputs).filter((k) => !declared.some((d) => d.name === k))
  if (unexpected.length > 0) return errorReply(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`, docs)
  const missing = declared.find((d) => d.required && !(d.name in inputs))
  if (missing) return errorReply(422, `Required input '${missing.name}' not provided`, docs)

  const run = { id: ctx.state.nextId(), workflowId: wf.id, ref: short, inputs }
  repo.runs.push(run)
  if (details !== true) return { status: 204 }
  const path = `repos/${repo.owner.login}/${repo.name}/actions/runs/${run.id}`
  return {
    status: 200,
    body: { workflow_run_id: run.id, run_url: `${API_ORIGIN}/${path}`, html_url: `${WEB_ORIGIN}/${path.slice('repos/'.length)}` },
  }
}
