import { describe, expect, it } from 'vitest'
import { bearer, relaykit, secrets } from '../../support/harness.js'

// Attempts to reach a repository, event, workflow or GitHub endpoint that the allowlists do not
// name. Each must be refused before anything is sent to GitHub.

const auth = bearer(secrets.ACTIONS_TOKEN)
const comment = (target: Record<string, unknown>) => ({ owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'x', ...target })

const refused: [string, string, Record<string, unknown>, number][] = [
  ['path traversal in repo', '/chatgpt/prs/comment', comment({ repo: '../../orgs/octo-org' }), 422],
  ['path traversal in owner', '/chatgpt/prs/comment', comment({ owner: '..' }), 422],
  ['a slash in repo', '/chatgpt/prs/comment', comment({ repo: 'hello-world/pulls/12/merge' }), 422],
  ['an encoded slash in repo', '/chatgpt/prs/comment', comment({ repo: 'hello-world%2Fpulls' }), 422],
  ['a query string in repo', '/chatgpt/prs/comment', comment({ repo: 'hello-world?x=1' }), 422],
  ['a dot-dot repo', '/chatgpt/prs/comment', comment({ repo: '..' }), 422],
  ['unicode look-alike owner', '/chatgpt/prs/comment', comment({ owner: 'оcto-org' }), 422],
  ['a zero-width space', '/chatgpt/prs/comment', comment({ repo: 'hello\u200b-world' }), 422],
  ['an overlong owner', '/chatgpt/prs/comment', comment({ owner: 'a'.repeat(40) }), 422],
  ['an overlong repo', '/chatgpt/prs/comment', comment({ repo: 'a'.repeat(101) }), 422],
  ['pr_number as a path', '/chatgpt/prs/comment', comment({ pr_number: '12/../../pulls/12/merge' }), 422],
  ['a fractional pr_number', '/chatgpt/prs/comment', comment({ pr_number: 12.5 }), 422],
  ['a negative pr_number', '/chatgpt/prs/comment', comment({ pr_number: -1 }), 422],
  ['another owner', '/chatgpt/prs/comment', comment({ owner: 'octo-org-evil' }), 403],
  ['a repo outside the list', '/chatgpt/prs/comment', comment({ repo: 'secret-repo' }), 403],
  ['an event type outside the list', '/chatgpt/dispatch', { owner: 'octo-org', repo: 'hivemind', event_type: 'hive-execute' }, 403],
  ['an event type differing only in case', '/chatgpt/dispatch', { owner: 'octo-org', repo: 'hivemind', event_type: 'Deploy-Preview' }, 403],
  ['a workflow outside the list', '/chatgpt/workflows/dispatch', { owner: 'octo-org', repo: 'hivemind', workflow: 'deploy.yml', ref: 'main' }, 403],
  ['a workflow by path', '/chatgpt/workflows/dispatch', { owner: 'octo-org', repo: 'hivemind', workflow: '.github/workflows/ci.yml', ref: 'main' }, 422],
  ['a workflow by numeric id', '/chatgpt/workflows/dispatch', { owner: 'octo-org', repo: 'hivemind', workflow: '161335202', ref: 'main' }, 422],
  ['a ref with ..', '/chatgpt/workflows/dispatch', { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main/../x' }, 422],
  [
    'a client_payload with 11 keys',
    '/chatgpt/dispatch',
    { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i])) },
    422,
  ],
  ['a 70 KB client_payload', '/chatgpt/dispatch', { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: { blob: 'x'.repeat(70_000) } }, 422],
  ['a 200 KB client_payload', '/chatgpt/dispatch', { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: { blob: 'x'.repeat(200_000) } }, 413],
]

describe('allowlist and input bypass attempts', () => {
  it.each(refused)('refuses %s', async (_, path, body, status) => {
    const worker = relaykit()
    const response = await worker.post(path, body, auth)
    expect(response.status).toBe(status)
    expect(worker.github.received).toEqual([])
  })

  it('matches owner and repo case-insensitively, as GitHub does, and sends the name as given', async () => {
    const worker = relaykit()
    const response = await worker.post('/chatgpt/prs/comment', comment({ owner: 'Octo-Org', repo: 'Hello-World' }), auth)
    expect(response.status).toBe(200)
    expect(new URL(worker.github.received[0]!.url).pathname).toBe('/repos/Octo-Org/Hello-World/issues/12/comments')
  })

  it('supports owner/* entries', async () => {
    const worker = relaykit({ ALLOWED_REPOS: 'octo-org/*' })
    expect((await worker.post('/chatgpt/prs/comment', comment({ repo: 'hivemind', pr_number: 2 }), auth)).status).toBe(200)
    expect((await worker.post('/chatgpt/prs/comment', comment({ owner: 'octocat', repo: 'hello-world' }), auth)).status).toBe(403)
  })

  it('refuses every event type and workflow when their lists are empty', async () => {
    const worker = relaykit({ ALLOWED_EVENT_TYPES: undefined, ALLOWED_WORKFLOWS: undefined })
    expect((await worker.post('/chatgpt/dispatch', { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview' }, auth)).status).toBe(403)
    expect((await worker.post('/chatgpt/workflows/dispatch', { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main' }, auth)).status).toBe(403)
  })

  it('names the rule that refused the request', async () => {
    const response = await relaykit().post('/chatgpt/prs/comment', comment({ repo: 'secret-repo' }), auth)
    expect(await response.json()).toMatchObject({ error: 'repo_not_allowed', message: expect.stringContaining('ALLOWED_REPOS') })
  })
})
