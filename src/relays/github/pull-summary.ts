import type { components } from '@octokit/openapi-types'
import type * as z from 'zod'
import type { PullRequestSummary } from './contract.js'

const MAX_BODY_CHARS = 2_000

/** The few fields a model needs from GitHub's large pull request object (and no body unless asked). */
export function summarizePull(pull: components['schemas']['pull-request-simple'], includeBody: boolean): z.infer<typeof PullRequestSummary> {
  return {
    number: pull.number,
    title: pull.title,
    state: pull.state === 'closed' ? 'closed' : 'open',
    draft: pull.draft ?? false,
    merged: pull.merged_at !== null,
    author: pull.user?.login ?? null,
    head: pull.head.ref,
    base: pull.base.ref,
    labels: pull.labels.map((label) => label.name),
    url: pull.html_url,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    ...(includeBody ? { body: pull.body === null ? null : pull.body.slice(0, MAX_BODY_CHARS) } : {}),
  }
}
