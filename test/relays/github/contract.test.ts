import { githubRelay } from '../../../src/relays/github/index.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { describeGitHubOperations, type Operation } from '../../support/github-operation-contract.js'
import { secrets } from '../../support/harness.js'

// Every github relay operation, every status it documents, produced by a real request and
// checked against the committed spec. The last test fails if a documented status went unproduced.

const pr = { owner: 'octo-org', repo: 'hello-world', pr_number: 12 }

const operations: Record<string, Operation> = {
  listPullRequests: {
    path: '/chatgpt/prs/list',
    token: secrets.ACTIONS_TOKEN,
    valid: { owner: 'octo-org', repo: 'hello-world' },
    invalid: { owner: 'octo-org', repo: 'hello-world', per_page: 500 },
    forbidden: { owner: 'someone', repo: 'private' },
    successStatus: 200,
  },
  commentOnPullRequest: {
    path: '/chatgpt/prs/comment',
    token: secrets.ACTIONS_TOKEN,
    valid: { ...pr, body: 'Looks good.' },
    invalid: { ...pr },
    forbidden: { ...pr, owner: 'someone', body: 'x' },
    successStatus: 200,
  },
  addLabelsToPullRequest: {
    path: '/chatgpt/prs/label',
    token: secrets.ACTIONS_TOKEN,
    valid: { ...pr, labels: ['needs-review'] },
    invalid: { ...pr, labels: [] },
    forbidden: { ...pr, repo: 'other', labels: ['x'] },
    successStatus: 200,
  },
  sendRepositoryDispatch: {
    path: '/chatgpt/dispatch',
    token: secrets.ACTIONS_TOKEN,
    valid: { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview' },
    invalid: { owner: 'octo-org', repo: 'hivemind' },
    forbidden: { owner: 'octo-org', repo: 'hivemind', event_type: 'rm-rf' },
    successStatus: 202,
  },
  dispatchWorkflow: {
    path: '/chatgpt/workflows/dispatch',
    token: secrets.ACTIONS_TOKEN,
    valid: { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main' },
    invalid: { owner: 'octo-org', repo: 'hivemind', workflow: '../../x', ref: 'main' },
    forbidden: { owner: 'octo-org', repo: 'hivemind', workflow: 'deploy.yml', ref: 'main' },
    successStatus: 202,
  },
}

describeGitHubOperations(operations)

expectEveryDocumentedStatus(githubRelay.contract.tags)
