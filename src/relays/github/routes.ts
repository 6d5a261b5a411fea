import type { RelayDependencies } from '../../platform/relay-module.js'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { addLabelsToPullRequest, commentOnPullRequest, dispatchWorkflow, getLimits, listPullRequests, sendRepositoryDispatch } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { auditWrites } from '../../platform/audit/audit-writes.js'
import { requireBearer } from '../../platform/auth/bearer.js'
import { githubClients } from '../../upstreams/github/clients.js'
import { gitHubMayHaveActed, isGitHubFailure } from '../../upstreams/github/failures.js'
import { GITHUB_UPSTREAM } from '../../upstreams/github/settings.js'
import { nextPageFromLink } from '../../upstreams/github/link-header.js'
import { idempotentWrites } from '../../platform/idempotency/idempotent-writes.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { validationHook } from '../../platform/validation-hook.js'
import { githubTarget } from './audit-target.js'
import { assertEventTypeAllowed, assertRepoAllowed, assertWorkflowAllowed } from './policy.js'
import { summarizePull } from './pull-summary.js'
import { type GitHubRelaySettings, githubRateLimit } from './settings.js'

type GitHubRelayEnv = RelayEnv<GitHubRelaySettings>

/** The github relay's routes: what a Custom GPT calls with ACTIONS_TOKEN. */
export function githubRoutes({ fetch }: RelayDependencies) {
  const app = new OpenAPIHono<GitHubRelayEnv>({ defaultHook: validationHook })
  app.use(
    '/chatgpt/*',
    requireBearer<GitHubRelaySettings>('ACTIONS_TOKEN', (settings) => settings.actionsTokens),
  )
  // Reads go on without a limit when the limiter is unreachable; writes do not (rate-limit.ts).
  app.use(listPullRequests.path, rateLimit(githubRateLimit, { whenUnavailable: 'allow' }))
  for (const write of [commentOnPullRequest, addLabelsToPullRequest, sendRepositoryDispatch, dispatchWorkflow]) {
    app.use(
      write.path,
      auditWrites(write.operationId, githubTarget, isGitHubFailure),
      rateLimit(githubRateLimit, { whenUnavailable: 'refuse' }),
      idempotentWrites({ mayHaveActed: gitHubMayHaveActed }),
    )
  }

  const clientFor = githubClients(fetch(GITHUB_UPSTREAM))
  const github = (c: Context<GitHubRelayEnv>) => clientFor(c.var.settings.upstream)

  // The allowlists as a GPT needs them to stop guessing: the deployment's own policy, shown to its own callers only.
  app.openapi(getLimits, (c) => {
    const { repos, eventTypes, workflows, rateLimits } = c.var.settings
    const rule = rateLimits[githubRateLimit.name]
    return c.json(
      {
        success: true as const,
        repositories: repos.map((allowed) => `${allowed.owner}/${allowed.repo}`),
        event_types: eventTypes,
        workflows,
        rate_limit: rule ? { rule: rule.text, burst: rule.capacity, per_second: rule.refillPerSecond } : null,
      },
      200,
    )
  })

  app.openapi(listPullRequests, async (c) => {
    const { owner, repo, include_body, ...query } = c.req.valid('json')
    assertRepoAllowed(c.var.settings, owner, repo)
    const { data, response } = await github(c).listPulls({ owner, repo }, query)
    const pulls = data.map((pull) => summarizePull(pull, include_body))
    return c.json({ success: true as const, pull_requests: pulls, count: pulls.length, page: query.page, next_page: nextPageFromLink(response.headers.get('link')) }, 200)
  })

  app.openapi(commentOnPullRequest, async (c) => {
    const { owner, repo, pr_number, body } = c.req.valid('json')
    assertRepoAllowed(c.var.settings, owner, repo)
    const { data, response } = await github(c).createComment({ owner, repo, issue_number: pr_number }, body)
    c.set('upstreamStatus', response.status)
    return c.json({ success: true as const, comment_id: data.id, html_url: data.html_url, created_at: data.created_at }, 200)
  })

  app.openapi(addLabelsToPullRequest, async (c) => {
    const { owner, repo, pr_number, labels } = c.req.valid('json')
    assertRepoAllowed(c.var.settings, owner, repo)
    const { data, response } = await github(c).addLabels({ owner, repo, issue_number: pr_number }, labels)
    c.set('upstreamStatus', response.status)
    return c.json({ success: true as const, labels: data.map((label) => label.name) }, 200)
  })

  app.openapi(sendRepositoryDispatch, async (c) => {
    const { owner, repo, event_type, client_payload } = c.req.valid('json')
    assertRepoAllowed(c.var.settings, owner, repo)
    assertEventTypeAllowed(c.var.settings, event_type)
    const { response } = await github(c).createDispatch({ owner, repo }, event_type, client_payload ?? {})
    c.set('upstreamStatus', response.status)
    return c.json(
      { success: true as const, message: `GitHub accepted the ${event_type} event; workflows listening for it will start shortly.`, repository: `${owner}/${repo}`, event_type },
      202,
    )
  })

  app.openapi(dispatchWorkflow, async (c) => {
    const { owner, repo, workflow, ref, inputs } = c.req.valid('json')
    assertRepoAllowed(c.var.settings, owner, repo)
    assertWorkflowAllowed(c.var.settings, workflow)
    const { data, response } = await github(c).dispatchWorkflow({ owner, repo, workflow_id: workflow }, ref, inputs)
    c.set('upstreamStatus', response.status)
    return c.json(
      {
        success: true as const,
        message: `GitHub started ${workflow} on ${ref}.`,
        repository: `${owner}/${repo}`,
        workflow,
        ref,
        run_id: data ? Number(data.workflow_run_id) : null,
        run_url: data?.html_url ?? null,
      },
      202,
    )
  })

  return app
}
