import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { ACTIONS_TOKEN_SCHEME } from './schemes.js'
import { errorResponses } from '../../contracts/errors.js'
import { idempotencyKeyField, idempotencyKeyHeader, replayedField } from '../../contracts/idempotency.js'
import { freeFormObject, jsonBody, jsonResponse, MAX_JSON_DEPTH } from '../../contracts/json.js'
import { EventType, GitRef, LabelName, Owner, PullNumber, Repo, WorkflowFile } from '../../upstreams/github/contract/names.js'
import { RateLimitHeaders } from '../../contracts/rate-limit-headers.js'

// The GitHub relay: the operations a Custom GPT imports from cf-openapi.json. Paths and body
// fields stay as existing GPT actions already call them, so those keep working.

const security = [{ [ACTIONS_TOKEN_SCHEME]: [] }]
const tags = ['GitHub']

const RepoTarget = { owner: Owner, repo: Repo }

const MAX_PAYLOAD_BYTES = 65_000

export const ListPullRequestsRequest = z
  .object({
    ...RepoTarget,
    state: z.enum(['open', 'closed', 'all']).default('open').openapi({ description: 'Which pull requests to list.' }),
    head: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,39}:[A-Za-z0-9._/-]{1,255}$/, 'must be `user:branch`')
      .optional()
      .openapi({ description: 'Only pull requests from this branch, as `user:branch`.', example: 'octo-org:feature/login' }),
    base: GitRef.optional().openapi({ description: 'Only pull requests into this base branch.', example: 'main' }),
    sort: z
      .enum(['created', 'updated', 'popularity', 'long-running'])
      .default('created')
      .openapi({ description: 'What to sort by: creation time, last update, number of comments (`popularity`), or age among open pull requests (`long-running`).' }),
    direction: z.enum(['asc', 'desc']).optional().openapi({ description: 'Defaults to `desc` when sorting by created, else `asc`.' }),
    per_page: z.number().int().min(1).max(100).default(10).openapi({ description: 'How many pull requests per page, 1 to 100.' }),
    page: z.number().int().min(1).max(1000).default(1).openapi({ description: 'Which page, from 1; pass the `next_page` of the previous answer.' }),
    include_body: z
      .boolean()
      .default(false)
      .openapi({ description: 'Also return each description (truncated to 2,000 characters). Off by default: bodies are long and untrusted.' }),
  })
  .openapi('ListPullRequestsRequest')

export const PullRequestSummary = z
  .object({
    number: z.number().int(),
    title: z.string(),
    state: z.enum(['open', 'closed']),
    draft: z.boolean(),
    merged: z.boolean(),
    author: z.string().nullable().openapi({ description: 'Login of the author.' }),
    head: z.string().openapi({ description: 'Source branch.' }),
    base: z.string().openapi({ description: 'Target branch.' }),
    labels: z.array(z.string()),
    url: z.string().url(),
    created_at: z.string(),
    updated_at: z.string(),
    body: z.string().nullable().optional().openapi({ description: 'Only with include_body.' }),
  })
  .openapi('PullRequestSummary')

export const ListPullRequestsResponse = z
  .object({
    success: z.literal(true),
    pull_requests: z.array(PullRequestSummary),
    count: z.number().int(),
    page: z.number().int(),
    next_page: z.number().int().nullable().openapi({ description: 'Pass as `page` for more; null when this is the last page.' }),
  })
  .openapi('ListPullRequestsResponse')

// Older clients send the text as `comment`: it is read as `body`, so the contract has one
// required field, and a GPT (cf-openapi.json hides deprecated fields) sees only `body`.
const commentAsBody = (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'body' in value || !('comment' in value)) return value
  const { comment, ...rest } = value as Record<string, unknown>
  return { ...rest, body: comment }
}

export const CommentRequest = z
  .preprocess(
    commentAsBody,
    z
      .object({
        ...RepoTarget,
        pr_number: PullNumber,
        body: z.string().min(1).max(65_536).openapi({ description: 'The comment, in Markdown.', example: 'Looks good to me.' }),
        comment: z.string().min(1).max(65_536).optional().openapi({ description: 'Deprecated name for `body`, still accepted from older clients. Send `body`.', deprecated: true }),
        ...idempotencyKeyField,
      })
      .superRefine((value, ctx) => {
        if (value.comment !== undefined) ctx.addIssue({ code: 'custom', path: ['body'], message: 'send the comment text in `body` only, not in both `body` and `comment`' })
      }),
  )
  .openapi('CommentRequest')

export const CommentResponse = z
  .object({
    success: z.literal(true),
    comment_id: z.number().int(),
    html_url: z.string().url().openapi({ description: 'Where the comment can be seen.' }),
    created_at: z.string(),
    ...replayedField,
  })
  .openapi('CommentResponse')

export const LabelRequest = z
  .object({
    ...RepoTarget,
    pr_number: PullNumber,
    labels: z
      .array(LabelName)
      .min(1)
      .max(20)
      .openapi({ description: 'Label names to add (existing labels stay).', example: ['needs-review'] }),
    ...idempotencyKeyField,
  })
  .openapi('LabelRequest')

export const LabelResponse = z
  .object({
    success: z.literal(true),
    labels: z.array(z.string()).openapi({ description: 'All labels on the pull request now.' }),
    ...replayedField,
  })
  .openapi('LabelResponse')

export const DispatchRequest = z
  .object({
    ...RepoTarget,
    event_type: EventType,
    client_payload: freeFormObject()
      .optional()
      .refine((payload) => payload === undefined || Object.keys(payload).length <= 10, 'may have at most 10 top-level keys')
      .refine(
        (payload) => payload === undefined || new TextEncoder().encode(JSON.stringify(payload)).length <= MAX_PAYLOAD_BYTES,
        `must be under ${MAX_PAYLOAD_BYTES} bytes as JSON`,
      )
      .openapi({ description: `Data for the workflow, at most 10 top-level keys, nested at most ${MAX_JSON_DEPTH} levels deep.`, maxProperties: 10 }),
    ...idempotencyKeyField,
  })
  .openapi('DispatchRequest')

export const DispatchResponse = z
  .object({
    success: z.literal(true),
    message: z.string(),
    repository: z.string(),
    event_type: z.string(),
    ...replayedField,
  })
  .openapi('DispatchResponse')

export const WorkflowDispatchRequest = z
  .object({
    ...RepoTarget,
    workflow: WorkflowFile,
    ref: GitRef.openapi({ description: 'The branch or tag to run the workflow on.', example: 'main' }),
    inputs: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/, 'must be a workflow input name'), z.union([z.string().max(10_000), z.number(), z.boolean()]))
      .optional()
      .refine((inputs) => inputs === undefined || Object.keys(inputs).length <= 25, 'may have at most 25 inputs')
      .openapi({ description: 'Values for the workflow_dispatch inputs, at most 25.', maxProperties: 25 }),
    ...idempotencyKeyField,
  })
  .openapi('WorkflowDispatchRequest')

export const WorkflowDispatchResponse = z
  .object({
    success: z.literal(true),
    message: z.string(),
    repository: z.string(),
    workflow: z.string(),
    ref: z.string(),
    run_id: z.number().int().nullable().openapi({ description: 'The started run, when GitHub reports it.' }),
    run_url: z.string().url().nullable().openapi({ description: 'Where the run can be watched, when GitHub reports it.' }),
    ...replayedField,
  })
  .openapi('WorkflowDispatchResponse')

export const LimitsResponse = z
  .object({
    success: z.literal(true),
    repositories: z.array(z.string()).openapi({
      description: 'The repositories relaykit acts on: `owner/repo`, or `owner/*` for every repository of that owner. Any other repository is refused.',
      example: ['octo-org/*'],
    }),
    event_types: z.array(z.string()).openapi({ description: 'The event types sendRepositoryDispatch accepts (empty: none).', example: ['deploy-preview', 'run-tests'] }),
    workflows: z.array(z.string()).openapi({ description: 'The workflow files dispatchWorkflow may run (empty: none).', example: ['ci.yml', 'deploy.yml'] }),
    rate_limit: z
      .object({
        rule: z.string().openapi({ description: 'As configured, e.g. `1/second burst 10`.', example: '1/second burst 10' }),
        burst: z.number().int().openapi({ description: 'How many calls may come at once.', example: 10 }),
        per_second: z.number().openapi({ description: 'How many calls come back each second after that.', example: 1 }),
      })
      .nullable()
      .openapi({ description: 'How fast this caller may call the other operations here, all together; null when unlimited. Over it, they answer 429 with `retry_after_seconds`.' }),
  })
  .openapi('LimitsResponse')

const readErrors = errorResponses([400, 401, 403, 404, 413, 415, 422, 429, 502, 503, 504])
const writeErrors = errorResponses([400, 401, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504])

export const listPullRequests = createRoute({
  method: 'post',
  path: '/chatgpt/prs/list',
  operationId: 'listPullRequests',
  tags,
  security,
  summary: 'List pull requests of an allowed repository',
  description: 'Lists pull requests (newest first by default) with number, title, state, author, branches, labels and link. Read-only. Use next_page to page through long lists.',
  'x-openai-isConsequential': false,
  request: { body: jsonBody(ListPullRequestsRequest, { owner: 'octo-org', repo: 'hello-world', state: 'open', per_page: 10, page: 1 }) },
  responses: {
    200: jsonResponse('One page of pull request summaries.', ListPullRequestsResponse, RateLimitHeaders),
    ...readErrors,
  },
})

export const getLimits = createRoute({
  method: 'get',
  path: '/chatgpt/limits',
  operationId: 'getLimits' as const,
  tags,
  security,
  summary: 'What this deployment allows',
  description:
    'Lists the repositories (patterns such as owner/*), dispatch event types and workflows this deployment allows, and how fast you may call. Call it first when unsure whether something is allowed, instead of guessing. Read-only.',
  'x-openai-isConsequential': false,
  responses: {
    200: jsonResponse('The allowlists and the rate limit of this deployment.', LimitsResponse),
    ...errorResponses([401, 403, 503], { 403: 'The Origin is not in ALLOWED_ORIGINS.' }),
  },
})

export const commentOnPullRequest = createRoute({
  method: 'post',
  path: '/chatgpt/prs/comment',
  operationId: 'commentOnPullRequest' as const,
  tags,
  security,
  summary: 'Comment on a pull request',
  description:
    'Posts a Markdown comment on a pull request in an allowed repository and returns its link. Visible to everyone with access and notifies participants, so confirm the text with the user first.',
  'x-openai-isConsequential': true,
  request: { headers: idempotencyKeyHeader, body: jsonBody(CommentRequest, { owner: 'octo-org', repo: 'hello-world', pr_number: 17, body: 'Looks good to me.' }) },
  responses: { 200: jsonResponse('The comment was posted.', CommentResponse, RateLimitHeaders), ...writeErrors },
})

export const addLabelsToPullRequest = createRoute({
  method: 'post',
  path: '/chatgpt/prs/label',
  operationId: 'addLabelsToPullRequest' as const,
  tags,
  security,
  summary: 'Add labels to a pull request',
  description:
    'Adds labels to a pull request in an allowed repository, keeping the labels it already has, and returns all its labels. Labels that do not exist yet are created by GitHub.',
  'x-openai-isConsequential': true,
  request: { headers: idempotencyKeyHeader, body: jsonBody(LabelRequest, { owner: 'octo-org', repo: 'hello-world', pr_number: 17, labels: ['needs-review'] }) },
  responses: { 200: jsonResponse('The labels were added.', LabelResponse, RateLimitHeaders), ...writeErrors },
})

export const sendRepositoryDispatch = createRoute({
  method: 'post',
  path: '/chatgpt/dispatch',
  operationId: 'sendRepositoryDispatch' as const,
  tags,
  security,
  summary: 'Send a repository_dispatch event',
  description:
    'Triggers the workflows of an allowed repository that listen for this repository_dispatch event type (only allowed event types). GitHub starts them asynchronously; the answer confirms that GitHub accepted the event.',
  'x-openai-isConsequential': true,
  request: { headers: idempotencyKeyHeader, body: jsonBody(DispatchRequest, { owner: 'octo-org', repo: 'hello-world', event_type: 'deploy-preview', client_payload: { pr: 1 } }) },
  responses: { 202: jsonResponse('GitHub accepted the event.', DispatchResponse, RateLimitHeaders), ...writeErrors },
})

export const dispatchWorkflow = createRoute({
  method: 'post',
  path: '/chatgpt/workflows/dispatch',
  operationId: 'dispatchWorkflow' as const,
  tags,
  security,
  summary: 'Run a workflow (workflow_dispatch)',
  description: 'Starts an allowed GitHub Actions workflow on a branch or tag of an allowed repository, with optional inputs, and returns the run link when GitHub reports it.',
  'x-openai-isConsequential': true,
  request: {
    headers: idempotencyKeyHeader,
    body: jsonBody(WorkflowDispatchRequest, { owner: 'octo-org', repo: 'hivemind', workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging', dry_run: true } }),
  },
  responses: { 202: jsonResponse('GitHub started the workflow.', WorkflowDispatchResponse, RateLimitHeaders), ...writeErrors },
})

export const githubContract = {
  tags,
  routes: [getLimits, listPullRequests, commentOnPullRequest, addLabelsToPullRequest, sendRepositoryDispatch, dispatchWorkflow],
  securitySchemes: {
    [ACTIONS_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The ACTIONS_TOKEN secret. In the GPT editor: Authentication → API key → Bearer.' },
  },
  actions: true,
}
