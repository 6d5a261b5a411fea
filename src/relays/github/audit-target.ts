import type * as z from 'zod'
import { EventType, GitRef, Owner, PullNumber, Repo, WorkflowFile } from '../../upstreams/github/contract/names.js'
import type { AuditTarget } from '../../platform/audit/audit-store.js'

/** The value if it passes the contract's rule, else nothing: refused requests can carry anything. */
const valid = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> | undefined => (schema.safeParse(value).success ? (value as z.infer<T>) : undefined)

/** What a GitHub write was aimed at, for the audit trail: names and numbers, never text. */
export function githubTarget(body: Record<string, unknown>): AuditTarget {
  const owner = valid(Owner, body.owner)
  const repo = valid(Repo, body.repo)
  return {
    repository: owner && repo ? `${owner}/${repo}` : undefined,
    pull_number: valid(PullNumber, body.pr_number),
    event_type: valid(EventType, body.event_type),
    workflow: valid(WorkflowFile, body.workflow),
    ref: valid(GitRef, body.ref),
  }
}
