// The fake's mutable world: plain records that the object builders turn into
// GitHub's wire format, so state stays small and responses stay consistent.

export interface Account {
  login: string
  id: number
  type: 'User' | 'Organization' | 'Bot'
}

export interface RepoInfo {
  id: number
  owner: Account
  name: string
  description: string | null
  private: boolean
  fork: boolean
  language: string | null
  license: 'mit' | 'apache-2.0' | null
  topics: string[]
  defaultBranch: string
  createdAt: string
  pushedAt: string
  stars: number
  forks: number
}

export interface LabelState {
  id: number
  name: string
  // GitHub stores null for labels created on the fly, but `pull-request-simple`
  // documents a plain string, so the fake keeps "" to stay valid everywhere.
  description: string
  color: string
  default: boolean
}

export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE'

export interface PullState {
  id: number
  number: number
  title: string
  body: string | null
  user: Account
  authorAssociation: AuthorAssociation
  state: 'open' | 'closed'
  draft: boolean
  head: { repo: RepoInfo; ref: string; sha: string }
  base: { ref: string }
  labels: LabelState[]
  assignees: Account[]
  reviewers: Account[]
  comments: number
  createdAt: string
  updatedAt: string
  closedAt: string | null
  mergedAt: string | null
  mergeCommitSha: string
}

export interface CommentState {
  id: number
  issueNumber: number
  body: string
  user: Account
  createdAt: string
}

export interface WorkflowState {
  id: number
  path: string
  // null means no `workflow_dispatch` trigger, which GitHub rejects with 422.
  inputs: { name: string; required: boolean }[] | null
}

export interface RepoState extends RepoInfo {
  // ref name -> commit sha; workflow dispatch only accepts refs that exist.
  branches: Map<string, string>
  tags: Map<string, string>
  labels: LabelState[]
  pulls: PullState[]
  comments: CommentState[]
  workflows: WorkflowState[]
  dispatches: { eventType: string; clientPayload: unknown }[]
  runs: { id: number; workflowId: number; ref: string; inputs: Record<string, unknown> }[]
}

export interface FakeState {
  repos: RepoState[]
  // Whoever the bearer token belongs to; the fake has a single identity.
  viewer: Account
  nextId: () => number
}

// GitHub resolves owner and repo names case-insensitively.
export function findRepo(state: FakeState, owner: string, name: string): RepoState | undefined {
  const o = owner.toLowerCase()
  const n = name.toLowerCase()
  return state.repos.find((r) => r.owner.login.toLowerCase() === o && r.name.toLowerCase() === n)
}

// Seconds precision, like every timestamp GitHub returns.
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}
