// Builders for GitHub's wire objects. Typed against @octokit/openapi-types
// (type-only import, erased from the bundle) so tsc catches schema drift.
import type { components } from '@octokit/openapi-types'
import type { Account, AuthorAssociation, CommentState, LabelState, PullState, RepoInfo, RepoState } from './state.js'

type Schemas = components['schemas']

export const API_ORIGIN = 'https://api.github.com'
export const WEB_ORIGIN = 'https://github.com'

// GitHub's legacy global ids are base64("0<len>:<Type><id>"), e.g. MDQ6VXNlcjE= for user 1.
export function nodeId(type: string, id: number): string {
  return btoa(`0${type.length}:${type}${id}`)
}

// Deterministic 40-hex "commit sha" so seeds and tests agree across runs.
export function fakeSha(seed: string): string {
  let out = ''
  for (let round = 0; round < 5; round++) {
    let h = 0x811c9dc5 ^ round
    for (const ch of `${round}:${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193)
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out
}

export function simpleUser(a: Account): Schemas['simple-user'] {
  const u = `${API_ORIGIN}/users/${encodeURIComponent(a.login)}`
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.type, a.id),
    avatar_url: `https://avatars.githubusercontent.com/${a.type === 'Bot' ? 'in' : 'u'}/${a.id}?v=4`,
    gravatar_id: '',
    url: u,
    // Bots live under /apps/<slug> on the web, not under their login.
    html_url: a.type === 'Bot' ? `${WEB_ORIGIN}/apps/${a.login.replace(/\[bot\]$/, '')}` : `${WEB_ORIGIN}/${a.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: a.type,
    user_view_type: 'public',
    site_admin: false,
  }
}

const LICENSES = {
  mit: { key: 'mit', name: 'MIT License', spdx_id: 'MIT', node_id: 'MDc6TGljZW5zZTEz' },
  'apache-2.0': { key: 'apache-2.0', name: 'Apache License 2.0', spdx_id: 'Apache-2.0', node_id: 'MDc6TGljZW5zZTI=' },
} as const

export function repoApiUrl(repo: RepoInfo): string {
  return `${API_ORIGIN}/repos/${repo.owner.login}/${repo.name}`
}

export function repository(repo: RepoInfo): Schemas['repository'] {
  const full = `${repo.owner.login}/${repo.name}`
  const u = repoApiUrl(repo)
  const web = `${WEB_ORIGIN}/${full}`
  const lic = repo.license ? LICENSES[repo.license] : null
  const pulls = (repo as Partial<RepoState>).pulls ?? []
  const openIssues = pulls.filter((p) => p.state === 'open').length
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    private: repo.private,
    owner: simpleUser(repo.owner),
    html_url: web,
    description: repo.description,
    fork: repo.fork,
    url: u,
    forks_url: `${u}/forks`,
    keys_url: `${u}/keys{/key_id}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    teams_url: `${u}/teams`,
    hooks_url: `${u}/hooks`,
    issue_events_url: `${u}/issues/events{/number}`,
    events_url: `${u}/events`,
    assignees_url: `${u}/assignees{/user}`,
    branches_url: `${u}/branches{/branch}`,
    tags_url: `${u}/tags`,
    blobs_url: `${u}/git/blobs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    trees_url: `${u}/git/trees{/sha}`,
    statuses_url: `${u}/statuses/{sha}`,
    languages_url: `${u}/languages`,
    stargazers_url: `${u}/stargazers`,
    contributors_url: `${u}/contributors`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    commits_url: `${u}/commits{/sha}`,
    git_commits_url: `${u}/git/commits{/sha}`,
    comments_url: `${u}/comments{/number}`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    contents_url: `${u}/contents/{+path}`,
    compare_url: `${u}/compare/{base}...{head}`,
    merges_url: `${u}/merges`,
    archive_url: `${u}/{archive_format}{/ref}`,
    downloads_url: `${u}/downloads`,
    issues_url: `${u}/issues{/number}`,
    pulls_url: `${u}/pulls{/number}`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    labels_url: `${u}/labels{/name}`,
    releases_url: `${u}/releases{/id}`,
    deployments_url: `${u}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    homepage: null,
    size: 1000 + (repo.id % 9000),
    stargazers_count: repo.stars,
    watchers_count: repo.stars,
    language: repo.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: !repo.private,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: lic && { ...lic, url: `${API_ORIGIN}/licenses/${lic.key}` },
    allow_forking: !repo.private,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.private ? 'private' : 'public',
    forks: repo.forks,
    open_issues: openIssues,
    watchers: repo.stars,
    default_branch: repo.defaultBranch,
  }
}

export function label(repo: RepoInfo, l: LabelState): Schemas['label'] & { description: string } {
  return {
    id: l.id,
    node_id: nodeId('Label', l.id),
    url: `${repoApiUrl(repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: l.default,
  }
}

export function pullRequestSimple(repo: RepoState, pr: PullState): Schemas['pull-request-simple'] {
  const u = repoApiUrl(repo)
  const web = `${WEB_ORIGIN}/${repo.owner.login}/${repo.name}`
  const n = pr.number
  const baseSha = repo.branches.get(pr.base.ref) ?? fakeSha(`${repo.name}:${pr.base.ref}`)
  const link = (href: string): Schemas['link'] => ({ href })
  return {
    url: `${u}/pulls/${n}`,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: `${web}/pull/${n}`,
    diff_url: `${web}/pull/${n}.diff`,
    patch_url: `${web}/pull/${n}.patch`,
    issue_url: `${u}/issues/${n}`,
    number: n,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: simpleUser(pr.user),
    body: pr.body,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: pr.assignees[0] ? simpleUser(pr.assignees[0]) : null,
    assignees: pr.assignees.map(simpleUser),
    requested_reviewers: pr.reviewers.map(simpleUser),
    requested_teams: [],
    labels: sortLabels(pr.labels).map((l) => label(repo, l)),
    milestone: null,
    draft: pr.draft,
    commits_url: `${u}/pulls/${n}/commits`,
    review_comments_url: `${u}/pulls/${n}/comments`,
    review_comment_url: `${u}/pulls/comments{/number}`,
    comments_url: `${u}/issues/${n}/comments`,
    statuses_url: `${u}/statuses/${pr.head.sha}`,
    head: {
      label: `${pr.head.repo.owner.login}:${pr.head.ref}`,
      ref: pr.head.ref,
      sha: pr.head.sha,
      user: simpleUser(pr.head.repo.owner),
      repo: repository(pr.head.repo),
    },
    base: {
      label: `${repo.owner.login}:${pr.base.ref}`,
      ref: pr.base.ref,
      sha: baseSha,
      user: simpleUser(repo.owner),
      repo: repository(repo),
    },
    _links: {
      self: link(`${u}/pulls/${n}`),
      html: link(`${web}/pull/${n}`),
      issue: link(`${u}/issues/${n}`),
      comments: link(`${u}/issues/${n}/comments`),
      review_comments: link(`${u}/pulls/${n}/comments`),
      review_comment: link(`${u}/pulls/comments{/number}`),
      commits: link(`${u}/pulls/${n}/commits`),
      statuses: link(`${u}/statuses/${pr.head.sha}`),
    },
    author_association: pr.authorAssociation,
    auto_merge: null,
    active_lock_reason: null,
  }
}

export function issueComment(repo: RepoState, c: CommentState, association: AuthorAssociation): Schemas['issue-comment'] {
  const u = repoApiUrl(repo)
  const url = `${u}/issues/comments/${c.id}`
  return {
    url,
    // Comments on pull requests link to /pull/, not /issues/, on the web.
    html_url: `${WEB_ORIGIN}/${repo.owner.login}/${repo.name}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${u}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    user: simpleUser(c.user),
    created_at: c.createdAt,
    updated_at: c.createdAt,
    author_association: association,
    body: c.body,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  }
}

// GitHub lists an issue's labels alphabetically, ignoring case.
export function sortLabels(labels: LabelState[]): LabelState[] {
  return [...labels].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
}
