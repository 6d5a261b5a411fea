import { describe, expect, it } from 'vitest'
import { githubRelay } from '../../../src/relays/github/index.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { describeGitHubOperations, type Operation } from '../../support/github-operation-contract.js'
import { bearer, relaykit, secrets } from '../../support/harness.js'
import { expectDocumented } from '../../support/openapi-contract.js'

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

describe('getLimits', () => {
  const limits = async (env: Parameters<typeof relaykit>[0], headers: Record<string, string> = bearer(secrets.ACTIONS_TOKEN)) => {
    const response = await relaykit(env).fetch('/chatgpt/limits', { headers })
    return { response, body: (await expectDocumented('get', '/chatgpt/limits', response)) as Record<string, unknown> }
  }

  it('answers 200 with the allowlists and the rate limit', async () => {
    const { response, body } = await limits({ RATE_LIMIT_GITHUB: '1/second burst 10' })
    expect(response.status).toBe(200)
    expect(body).toEqual({
      success: true,
      repositories: ['octo-org/hello-world', 'octo-org/hivemind'],
      event_types: ['deploy-preview'],
      workflows: ['ci.yml'],
      rate_limit: { rule: '1/second burst 10', burst: 10, per_second: 1 },
    })
  })

  it('answers rate_limit null when the limit is off, and patterns as configured', async () => {
    const { body } = await limits({ RATE_LIMIT_GITHUB: 'off', ALLOWED_REPOS: 'Octo-Org/*', ALLOWED_WORKFLOWS: '' })
    expect(body).toMatchObject({ repositories: ['octo-org/*'], workflows: [], rate_limit: null })
  })

  it('answers 401 without credentials', async () => {
    const { response } = await limits({}, {})
    expect(response.status).toBe(401)
  })

  it('answers 403 for an Origin not on the list', async () => {
    const { response, body } = await limits({}, { ...bearer(secrets.ACTIONS_TOKEN), Origin: 'https://evil.example' })
    expect([response.status, body.error]).toEqual([403, 'origin_not_allowed'])
  })

  it('answers 503 when the relay is not configured', async () => {
    const { response, body } = await limits({ ALLOWED_REPOS: undefined })
    expect(response.status).toBe(503)
    expect(body.message).toContain('ALLOWED_REPOS')
  })
})

expectEveryDocumentedStatus((await githubRelay.contract()).tags)
