import type { UpstreamFetch } from '../../platform/relay-module.js'
import type { paths } from '@octokit/openapi-types'
import createClient from 'openapi-fetch'
import { answerOrNoAnswer, githubFailure, githubUnreachable, unreadableAnswer, type GitHubOperation } from './failures.js'
import type { RelayError } from '../../platform/relay-error.js'
import type { GitHubUpstream } from './settings.js'

// The only GitHub calls relaykit can make. Each method below is one fixed REST operation, typed
// by GitHub's official OpenAPI description; there is no generic "call this path" escape hatch,
// so nothing can merge, close, delete or write files. openapi-fetch URL-encodes path values.

export const GITHUB_API_VERSION = '2022-11-28'
export const USER_AGENT = 'relaykit/0.1 (+https://github.com/relaykit/relaykit)'

type Repo = { owner: string; repo: string }

type CallInit = { signal: AbortSignal; fetch: UpstreamFetch }

function withUpstreamStatus(error: RelayError, status: number | undefined): RelayError {
  error.upstreamStatus = status
  return error
}

export function createGitHubClient(upstream: GitHubUpstream, fetch: UpstreamFetch) {
  const answeringFetch = answerOrNoAnswer(fetch)
  const client = createClient<paths>({
    baseUrl: upstream.baseUrl,
    // A redirect (renamed or transferred repository) would send the token to a repository the
    // allowlist never checked, so it is answered as an error instead of followed.
    redirect: 'manual',
    headers: {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': GITHUB_API_VERSION,
      'User-Agent': USER_AGENT,
      Authorization: `Bearer ${upstream.secret}`,
    },
  })

  /**
   * Runs one call with the timeout, turning every failure into a RelayError that carries GitHub's
   * status when GitHub answered at all (the audit trail records it).
   */
  async function call<T extends { response: Response; error?: unknown }>(operation: GitHubOperation, send: (init: CallInit) => Promise<T>): Promise<T> {
    let answeredStatus: number | undefined
    const observedFetch = async (request: Request) => {
      const response = await answeringFetch(request)
      answeredStatus = response.status
      return response
    }
    let result: T
    try {
      result = await send({ signal: AbortSignal.timeout(upstream.timeoutMs), fetch: observedFetch })
    } catch (error) {
      throw withUpstreamStatus(githubUnreachable(error, upstream.timeoutMs), answeredStatus)
    }
    if (!result.response.ok) throw withUpstreamStatus(githubFailure(operation, result.response, result.error), result.response.status)
    return result
  }

  /** For operations whose success always has a body: a missing one is GitHub's failure. */
  async function withBody<T extends { data?: unknown; response: Response }>(pending: Promise<T>) {
    const result = await pending
    if (result.data === undefined) throw withUpstreamStatus(unreadableAnswer(), result.response.status)
    return result as T & { data: NonNullable<T['data']> }
  }

  return {
    listPulls: (target: Repo, query: NonNullable<paths['/repos/{owner}/{repo}/pulls']['get']['parameters']['query']>) =>
      withBody(call('pulls/list', (init) => client.GET('/repos/{owner}/{repo}/pulls', { params: { path: target, query }, ...init }))),

    createComment: (target: Repo & { issue_number: number }, body: string) =>
      withBody(call('issues/create-comment', (init) => client.POST('/repos/{owner}/{repo}/issues/{issue_number}/comments', { params: { path: target }, body: { body }, ...init }))),

    addLabels: (target: Repo & { issue_number: number }, labels: string[]) =>
      withBody(call('issues/add-labels', (init) => client.POST('/repos/{owner}/{repo}/issues/{issue_number}/labels', { params: { path: target }, body: { labels }, ...init }))),

    createDispatch: (target: Repo, event_type: string, client_payload: Record<string, unknown>) =>
      call('repos/create-dispatch-event', (init) => client.POST('/repos/{owner}/{repo}/dispatches', { params: { path: target }, body: { event_type, client_payload }, ...init })),

    dispatchWorkflow: (target: Repo & { workflow_id: string }, ref: string, inputs: Record<string, unknown> | undefined) =>
      call('actions/create-workflow-dispatch', (init) =>
        client.POST('/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
          params: { path: target },
          body: { ref, ...(inputs ? { inputs } : {}), return_run_details: true },
          ...init,
        }),
      ),
  }
}
