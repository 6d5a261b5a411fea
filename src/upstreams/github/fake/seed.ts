// Seed world for the sandbox and tests: org octo-org with repos hello-world and
// hivemind. Kept as small tables fed through builders, not JSON dumps.
import { fakeSha } from './objects.js'
import type { Account, AuthorAssociation, FakeState, LabelState, PullState, RepoInfo, RepoState } from './state.js'

const org: Account = { login: 'octo-org', id: 91027364, type: 'Organization' }
const mona: Account = { login: 'mona', id: 2154881, type: 'User' }
const hubot: Account = { login: 'hubot', id: 480938, type: 'User' }
const octocat: Account = { login: 'octocat', id: 583231, type: 'User' }
const dependabot: Account = { login: 'dependabot[bot]', id: 49699333, type: 'Bot' }

// GitHub's default label set, which every new repository starts with.
const DEFAULT_LABELS: [name: string, color: string, description: string][] = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['invalid', 'e4e669', "This doesn't seem right"],
  ['question', 'd876e3', 'Further information is requested'],
  ['wontfix', 'ffffff', 'This will not be worked on'],
]

interface PullSeed {
  number: number
  title: string
  body: string | null
  user: Account
  assoc: AuthorAssociation
  head: string
  headRepo?: RepoInfo
  base?: string
  labels?: string[]
  draft?: boolean
  assignees?: Account[]
  reviewers?: Account[]
  comments: number
  created: string
  updated: string
  closed?: string
  merged?: boolean
}

function makeRepo(info: RepoInfo, branches: string[], tags: string[], nextId: () => number): RepoState {
  const refs = (names: string[]) => new Map(names.map((b) => [b, fakeSha(`${info.name}:${b}`)]))
  return {
    ...info,
    branches: refs(branches),
    tags: refs(tags),
    labels: DEFAULT_LABELS.map(([name, color, description]) => ({ id: nextId(), name, color, description, default: true })),
    pulls: [],
    comments: [],
    workflows: [],
    dispatches: [],
    runs: [],
  }
}

function addPulls(repo: RepoState, seeds: PullSeed[], nextId: () => number): void {
  for (const s of seeds) {
    const labels = (s.labels ?? []).map((name) => repo.labels.find((l) => l.name === name)).filter((l): l is LabelState => !!l)
    const pr: PullState = {
      id: nextId(),
      number: s.number,
      title: s.title,
      body: s.body,
      user: s.user,
      authorAssociation: s.assoc,
      state: s.closed ? 'closed' : 'open',
      draft: s.draft ?? false,
      head: { repo: s.headRepo ?? repo, ref: s.head, sha: fakeSha(`${repo.name}#${s.number}:${s.head}`) },
      base: { ref: s.base ?? repo.defaultBranch },
      labels,
      assignees: s.assignees ?? [],
      reviewers: s.reviewers ?? [],
      comments: s.comments,
      createdAt: s.created,
      updatedAt: s.updated,
      closedAt: s.closed ?? null,
      mergedAt: s.merged ? (s.closed ?? null) : null,
      mergeCommitSha: fakeSha(`${repo.name}#${s.number}:merge`),
    }
    repo.pulls.push(pr)
  }
}

export const SEED_VIEWER = hubot

export function createSeedState(): FakeState {
  // Counter-based ids: stable across runs, distinct across object kinds.
  let counter = 1_904_000_000
  const nextId = () => ++counter

  const helloWorld = makeRepo(
    {
      id: 704213588,
      owner: org,
      name: 'hello-world',
      description: 'My first repository on GitHub!',
      private: false,
      fork: false,
      language: 'TypeScript',
      license: 'mit',
      topics: ['demo', 'octokit'],
      defaultBranch: 'main',
      createdAt: '2023-10-03T08:12:45Z',
      pushedAt: '2025-04-15T11:09:20Z',
      stars: 42,
      forks: 7,
    },
    ['main', 'develop', 'ci/matrix', 'fix/session-race', 'feature/device-flow', 'dependabot/npm_and_yarn/hono-4.7.2'],
    ['v0.9.0'],
    nextId,
  )
  helloWorld.labels.push({ id: nextId(), name: 'dependencies', color: '0366d6', description: 'Pull requests that update a dependency file', default: false })
  const fork: RepoInfo = {
    id: 745118203,
    owner: octocat,
    name: 'hello-world',
    description: 'My first repository on GitHub!',
    private: false,
    fork: true,
    language: 'TypeScript',
    license: 'mit',
    topics: [],
    defaultBranch: 'main',
    createdAt: '2024-01-19T17:40:02Z',
    pushedAt: '2025-04-10T07:54:41Z',
    stars: 0,
    forks: 0,
  }
  addPulls(
    helloWorld,
    [
      {
        number: 12,
        title: 'Add contributing guide',
        body: 'Adds CONTRIBUTING.md with setup steps and the review checklist.',
        user: mona,
        assoc: 'MEMBER',
        head: 'docs/contributing',
        labels: ['documentation'],
        comments: 2,
        created: '2025-03-03T09:14:22Z',
        updated: '2025-03-05T16:40:07Z',
        closed: '2025-03-05T16:40:05Z',
        merged: true,
      },
      {
        number: 15,
        title: 'Switch CI to a matrix build',
        body: 'Runs the test suite on Node 20 and 22.',
        user: hubot,
        assoc: 'MEMBER',
        head: 'ci/matrix',
        labels: ['wontfix'],
        comments: 4,
        created: '2025-03-11T13:02:45Z',
        updated: '2025-03-20T08:31:11Z',
        closed: '2025-03-20T08:31:10Z',
      },
      {
        number: 17,
        title: 'Fix race in session cleanup',
        body: 'Closes #16.\n\nThe cleanup timer could fire while a refresh was in flight.',
        user: mona,
        assoc: 'MEMBER',
        head: 'fix/session-race',
        labels: ['bug'],
        assignees: [mona],
        reviewers: [hubot],
        comments: 3,
        created: '2025-04-02T10:25:31Z',
        updated: '2025-04-09T14:03:58Z',
      },
      {
        number: 18,
        title: 'Add OAuth device flow',
        body: 'Work in progress, do not review yet.',
        user: hubot,
        assoc: 'MEMBER',
        head: 'feature/device-flow',
        base: 'develop',
        labels: ['enhancement', 'help wanted'],
        draft: true,
        comments: 0,
        created: '2025-04-07T15:48:12Z',
        updated: '2025-04-07T16:20:44Z',
      },
      {
        number: 19,
        title: 'Fix typo in README',
        body: null,
        user: octocat,
        assoc: 'CONTRIBUTOR',
        head: 'patch-1',
        headRepo: fork,
        comments: 1,
        created: '2025-04-10T07:55:03Z',
        updated: '2025-04-10T07:55:03Z',
      },
      {
        number: 21,
        title: 'Bump hono from 4.6.0 to 4.7.2',
        body: 'Bumps [hono](https://github.com/honojs/hono) from 4.6.0 to 4.7.2.',
        user: dependabot,
        assoc: 'CONTRIBUTOR',
        head: 'dependabot/npm_and_yarn/hono-4.7.2',
        labels: ['dependencies'],
        comments: 0,
        created: '2025-04-14T04:12:36Z',
        updated: '2025-04-15T11:09:27Z',
      },
    ],
    nextId,
  )

  const hivemind = makeRepo(
    {
      id: 731502914,
      owner: org,
      name: 'hivemind',
      description: 'Deploy orchestration for octo-org services',
      private: true,
      fork: false,
      language: 'Go',
      license: null,
      topics: [],
      defaultBranch: 'main',
      createdAt: '2023-12-11T14:30:09Z',
      pushedAt: '2025-04-11T09:02:17Z',
      stars: 3,
      forks: 0,
    },
    ['main', 'feature/canary'],
    ['v1.0.0', 'v1.1.0'],
    nextId,
  )
  addPulls(
    hivemind,
    [
      {
        number: 2,
        title: 'Pin Go toolchain to 1.24 in CI',
        body: 'Keeps CI and local builds on the same toolchain.',
        user: hubot,
        assoc: 'MEMBER',
        head: 'ci/go-1.24',
        labels: ['enhancement'],
        comments: 1,
        created: '2025-02-17T11:20:41Z',
        updated: '2025-02-18T09:03:12Z',
        closed: '2025-02-18T09:03:10Z',
        merged: true,
      },
      {
        number: 3,
        title: 'Add canary deploy stage',
        body: 'Routes 5% of traffic to the new release before promoting it.',
        user: mona,
        assoc: 'MEMBER',
        head: 'feature/canary',
        labels: ['enhancement'],
        reviewers: [hubot],
        comments: 2,
        created: '2025-04-08T12:44:19Z',
        updated: '2025-04-11T09:02:17Z',
      },
    ],
    nextId,
  )
  hivemind.workflows.push(
    { id: 161335201, path: '.github/workflows/ci.yml', inputs: [] },
    {
      id: 161335202,
      path: '.github/workflows/deploy.yml',
      inputs: [
        { name: 'environment', required: true },
        { name: 'dry_run', required: false },
      ],
    },
    { id: 161335203, path: '.github/workflows/nightly.yml', inputs: null },
  )

  return { repos: [helloWorld, hivemind], viewer: SEED_VIEWER, nextId }
}
