import { describe, expect, it } from 'vitest'
import { githubOperations } from '../../support/github-contract.js'
import { createExecutionContext } from 'cloudflare:test'
import { createApp } from '../../../src/app.js'
import type { ErrorBody } from '../../../src/contracts/errors.js'
import { baseEnv, bearer, relaykit, secrets } from '../../support/harness.js'

// What a Custom GPT relies on, through the generated typed client. Every request relaykit sends
// to the fake GitHub is checked against GitHub's official description (test/support/setup.ts).

describe('list pull requests', () => {
  it('returns trimmed summaries, without bodies unless asked', async () => {
    const worker = relaykit()
    const { data, error } = await worker.client(secrets.ACTIONS_TOKEN).POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world', state: 'all', per_page: 100 } })
    expect(error).toBeUndefined()
    expect(data!.count).toBe(data!.pull_requests.length)
    const pull = data!.pull_requests.find((p) => p.number === 12)!
    expect(pull).toMatchObject({ title: 'Add contributing guide', url: 'https://github.com/octo-org/hello-world/pull/12' })
    expect(Object.keys(pull)).not.toContain('body')
    expect(new Set(data!.pull_requests.map((p) => p.state))).toEqual(new Set(['open', 'closed']))
  })

  it('includes truncated bodies with include_body', async () => {
    const { client } = relaykit()
    const { data } = await client(secrets.ACTIONS_TOKEN).POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world', state: 'all', include_body: true } })
    expect(data!.pull_requests.find((p) => p.number === 12)!.body).toContain('CONTRIBUTING.md')
  })

  it('sends the filters to GitHub and pages with next_page from the Link header', async () => {
    const worker = relaykit()
    const api = worker.client(secrets.ACTIONS_TOKEN)
    const first = await api.POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world', state: 'all', per_page: 2, sort: 'updated', direction: 'asc' } })
    expect(first.data!.next_page).toBe(2)
    const sent = new URL(worker.github.received.at(-1)!.url)
    expect(Object.fromEntries(sent.searchParams)).toEqual({ state: 'all', per_page: '2', page: '1', sort: 'updated', direction: 'asc' })
    const pages = [first.data!]
    while (pages.at(-1)!.next_page !== null) {
      const { data } = await api.POST('/chatgpt/prs/list', {
        body: { owner: 'octo-org', repo: 'hello-world', state: 'all', per_page: 2, sort: 'updated', direction: 'asc', page: pages.at(-1)!.next_page! },
      })
      pages.push(data!)
    }
    const numbers = pages.flatMap((page) => page.pull_requests.map((p) => p.number))
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(numbers.length).toBeGreaterThan(2)
  })
})

describe('writes', () => {
  it('comments, and accepts the older field name `comment`', async () => {
    const worker = relaykit()
    const api = worker.client(secrets.ACTIONS_TOKEN)
    const { data } = await api.POST('/chatgpt/prs/comment', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'Ship it' } })
    expect(data!.html_url).toMatch(/^https:\/\/github\.com\/octo-org\/hello-world\/pull\/12#issuecomment-\d+$/)
    // Not in the typed client (openapi.json requires `body`), but an older GPT still sends it.
    const olderStyle = await worker.post('/chatgpt/prs/comment', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, comment: 'Older client' }, bearer(secrets.ACTIONS_TOKEN))
    expect(olderStyle.status).toBe(200)
    expect(worker.github.received.map((request) => JSON.parse(request.body!).body)).toEqual(['Ship it', 'Older client'])
  })

  it('refuses a comment with both or neither of body and comment', async () => {
    const worker = relaykit()
    const neither = await worker.post('/chatgpt/prs/comment', { owner: 'octo-org', repo: 'hello-world', pr_number: 12 }, bearer(secrets.ACTIONS_TOKEN))
    expect(((await neither.json()) as ErrorBody).details![0]!.field).toBe('body.body')
    const both = await worker.post('/chatgpt/prs/comment', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'a', comment: 'a' }, bearer(secrets.ACTIONS_TOKEN))
    expect([both.status, ((await both.json()) as ErrorBody).details![0]!.field]).toEqual([422, 'body.body'])
    expect(worker.github.received).toEqual([])
  })

  it('adds labels and answers with all labels on the pull request', async () => {
    const worker = relaykit()
    const { data } = await worker
      .client(secrets.ACTIONS_TOKEN)
      .POST('/chatgpt/prs/label', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 21, labels: ['needs-review'] } })
    expect(data!.labels).toEqual(expect.arrayContaining(['dependencies', 'needs-review']))
  })

  it('sends repository_dispatch with the payload', async () => {
    const worker = relaykit()
    const { data, response } = await worker
      .client(secrets.ACTIONS_TOKEN)
      .POST('/chatgpt/dispatch', { body: { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: { pr: 3 } } })
    expect(response.status).toBe(202)
    expect(data).toMatchObject({ success: true, repository: 'octo-org/hivemind', event_type: 'deploy-preview' })
    expect(JSON.parse(worker.github.received[0]!.body!)).toEqual({ event_type: 'deploy-preview', client_payload: { pr: 3 } })
  })

  it('runs a workflow and returns the run GitHub reports', async () => {
    const worker = relaykit()
    const { data } = await worker
      .client(secrets.ACTIONS_TOKEN)
      .POST('/chatgpt/workflows/dispatch', { body: { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main' } })
    expect(data!.run_id).toEqual(expect.any(Number))
    expect(data!.run_url).toMatch(/^https:\/\/github\.com\/octo-org\/hivemind\/actions\/runs\/\d+$/)
  })

  it("explains GitHub's 422 in a sentence", async () => {
    const { client } = relaykit()
    const { error, response } = await client(secrets.ACTIONS_TOKEN).POST('/chatgpt/workflows/dispatch', {
      body: { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'no-such-branch' },
    })
    expect(response.status).toBe(422)
    expect(error!.message).toContain('No ref found for: no-such-branch')
  })
})

describe('GitHub failures', () => {
  it('a permission 403 names the permission the token lacks', async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 403, body: { message: 'Resource not accessible by personal access token' } })
    const { error, response } = await worker
      .client(secrets.ACTIONS_TOKEN)
      .POST('/chatgpt/workflows/dispatch', { body: { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main' } })
    expect(response.status).toBe(403)
    expect(error!.message).toContain('Actions: write')
  })

  it('a secondary rate limit honours retry-after', async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 403, headers: { 'retry-after': '17' }, body: { message: 'You have exceeded a secondary rate limit.' } })
    const { error, response } = await worker
      .client(secrets.ACTIONS_TOKEN)
      .POST('/chatgpt/prs/comment', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'x' } })
    expect([response.status, response.headers.get('Retry-After'), error!.retry_after_seconds]).toEqual([429, '17', 17])
  })

  it('a rejected GitHub token is a 502 for the operator, never echoing the token', async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 401, body: { message: 'Bad credentials' } })
    const response = await worker.post('/chatgpt/prs/list', { owner: 'octo-org', repo: 'hello-world' }, bearer(secrets.ACTIONS_TOKEN))
    const text = await response.text()
    expect(response.status).toBe(502)
    expect(text).toContain('github_token_rejected')
    expect(text).not.toContain(secrets.GITHUB_TOKEN)
  })
})

describe('answers GitHub gives that relaykit will not take', () => {
  it('does not follow a redirect to a repository the allowlist never checked', async () => {
    const seen: Request[] = []
    const app = createApp({
      fetch: {
        github: async (request) => {
          seen.push(request)
          return new Response(null, { status: 307, headers: { location: 'https://github-api.test/repositories/999/issues/12/comments' } })
        },
      },
    })
    const response = await app.fetch(
      new Request('https://relaykit.test/chatgpt/prs/comment', {
        method: 'POST',
        headers: { ...bearer(secrets.ACTIONS_TOKEN), 'Content-Type': 'application/json' },
        body: JSON.stringify({ owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'x' }),
      }),
      baseEnv,
      createExecutionContext(),
    )
    expect(seen.map((request) => request.redirect)).toEqual(['manual'])
    expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([404, 'github_repo_moved'])
  })

  it("says a write may have happened when GitHub's answer cannot be read", async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 201, body: '<html>not json' })
    const response = await worker.post('/chatgpt/prs/comment', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'x' }, bearer(secrets.ACTIONS_TOKEN))
    const body = (await response.json()) as { error: string; message: string }
    expect([response.status, body.error]).toEqual([502, 'github_unreadable'])
    expect(body.message).toContain('may have happened')
  })

  it('says a write may have happened when GitHub answers a write without its body', async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 201 })
    const response = await worker.post('/chatgpt/prs/comment', { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'x' }, bearer(secrets.ACTIONS_TOKEN))
    expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([502, 'github_unreadable'])
  })

  it('reads Retry-After given as an HTTP date', async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }, body: { message: 'slow down' } })
    const response = await worker.post('/chatgpt/prs/list', { owner: 'octo-org', repo: 'hello-world' }, bearer(secrets.ACTIONS_TOKEN))
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(100)
  })

  it('treats a malformed Link header as the last page', async () => {
    const worker = relaykit()
    worker.github.failNext({ status: 200, headers: { link: '<not a url>; rel="next"' }, body: [] })
    const response = await worker.post('/chatgpt/prs/list', { owner: 'octo-org', repo: 'hello-world' }, bearer(secrets.ACTIONS_TOKEN))
    expect(await response.json()).toMatchObject({ count: 0, next_page: null })
  })
})

describe('what relaykit sends GitHub', () => {
  it('uses only the fixed table of operations, with the required headers', async () => {
    const worker = relaykit()
    const api = worker.client(secrets.ACTIONS_TOKEN)
    await api.POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world' } })
    await api.POST('/chatgpt/prs/comment', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'x' } })
    await api.POST('/chatgpt/prs/label', { body: { owner: 'octo-org', repo: 'hello-world', pr_number: 12, labels: ['a'] } })
    await api.POST('/chatgpt/dispatch', { body: { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview' } })
    await api.POST('/chatgpt/workflows/dispatch', { body: { owner: 'octo-org', repo: 'hivemind', workflow: 'ci.yml', ref: 'main' } })
    await worker.post('/trigger-hive', { action: 'execute' }, bearer(secrets.RELAY_SECRET))
    expect(worker.github.received).toHaveLength(6)
    for (const request of worker.github.received) {
      expect(new URL(request.url).origin).toBe('https://github-api.test')
      expect(request.headers).toMatchObject({
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        authorization: `Bearer ${secrets.GITHUB_TOKEN}`,
        'user-agent': expect.stringMatching(/^relaykit\//),
      })
    }
    expect(githubOperations.map((operation) => operation.operationId).sort()).toEqual([
      'actions/create-workflow-dispatch',
      'issues/add-labels',
      'issues/create-comment',
      'pulls/list',
      'repos/create-dispatch-event',
    ])
  })
})

describe('paths under /chatgpt/ that are no route', () => {
  // Once the relay's routes are built, its bearer check guards all of /chatgpt/*: the gate must too.
  it('answer 401, 404 or 503, never 500, after the relay is built', async () => {
    const worker = relaykit()
    expect((await worker.post('/chatgpt/prs/list', { owner: 'octo-org', repo: 'hello-world' }, bearer(secrets.ACTIONS_TOKEN))).status).toBe(200)
    const nowhere = (headers: Record<string, string>) => worker.fetch('/chatgpt/nowhere', { headers })
    expect((await nowhere(bearer('not-the-token'))).status).toBe(401)
    expect((await nowhere(bearer(secrets.ACTIONS_TOKEN))).status).toBe(404)
    const off = relaykit({ RELAYS: 'operator' })
    await off.post('/chatgpt/prs/list', {}, bearer(secrets.ACTIONS_TOKEN))
    const refused = await off.fetch('/chatgpt/nowhere', { headers: bearer(secrets.ACTIONS_TOKEN) })
    expect([refused.status, ((await refused.json()) as ErrorBody).error]).toEqual([503, 'relay_disabled'])
  })
})

describe('operator relay', () => {
  it('dispatches hive-execute to OPERATOR_REPO only, with the plan file', async () => {
    const worker = relaykit()
    const response = await worker.post('/trigger-hive', { action: 'execute', plan_file: '.hivemind/nightly.yaml' }, bearer(secrets.RELAY_SECRET))
    expect(response.status).toBe(202)
    const [sent] = worker.github.received
    expect(new URL(sent!.url).pathname).toBe('/repos/octo-org/hivemind/dispatches')
    expect(JSON.parse(sent!.body!)).toMatchObject({ event_type: 'hive-execute', client_payload: { plan_file: '.hivemind/nightly.yaml', triggered_by: 'relaykit' } })
  })

  it('a dry run shows what would be sent and sends nothing', async () => {
    const worker = relaykit()
    const response = await worker.post('/trigger-hive', { action: 'execute', dry_run: true }, bearer(secrets.RELAY_SECRET))
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ dry_run: true, repository: 'octo-org/hivemind', event_type: 'hive-execute', client_payload: { plan_file: '.hivemind/plan.yaml' } })
    expect(worker.github.received).toEqual([])
  })

  it.each([['../../etc/passwd'], ['.hivemind/../secrets.yaml'], ['/.hivemind/plan.yaml'], ['.hivemind/plan.sh']])('refuses plan_file %s', async (plan_file) => {
    const worker = relaykit()
    const response = await worker.post('/trigger-hive', { action: 'execute', plan_file }, bearer(secrets.RELAY_SECRET))
    expect(response.status).toBe(422)
    expect(worker.github.received).toEqual([])
  })

  it('takes dry_run only as a boolean (never any truthy value)', async () => {
    const worker = relaykit()
    const response = await worker.post('/trigger-hive', { action: 'execute', dry_run: 'yes' }, bearer(secrets.RELAY_SECRET))
    expect(response.status).toBe(422)
  })
})
