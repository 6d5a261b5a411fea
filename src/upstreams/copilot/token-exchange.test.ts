import { describe, expect, it } from 'vitest'
import { createFakeUpstreams, FAKE_COPILOT_API_URL, FAKE_GITHUB_API_URL } from './fake/fake-upstreams.js'
import { copilotHeaders } from './headers.js'
import { FAKE_OCTOCAT } from './fake/fake-github.js'
import { CopilotUpstreamError } from './problem.js'
import type { Fetch } from './settings.js'
import { type CopilotToken, createCopilotTokens, exchangeGitHubToken } from './token-exchange.js'
import { withCopilotToken } from './with-copilot-token.js'

const SETUP = 'https://relay.example/copilot'
const START = 1_767_225_600_000

function setup(lifetimeSeconds = 1800) {
  let clock = START
  const now = () => clock
  const fakes = createFakeUpstreams({ github: { now, copilotTokenLifetimeSeconds: lifetimeSeconds } })
  const tokens = createCopilotTokens({ ...fakes.deps, now })
  let decrypted = 0
  const githubToken = async () => {
    decrypted += 1
    return FAKE_OCTOCAT.githubToken
  }
  const of = (account: string) => ({ account, githubToken, setupPageUrl: SETUP })
  return {
    ...fakes,
    tokens,
    of,
    decrypted: () => decrypted,
    advance: (ms: number) => {
      clock += ms
    },
  }
}

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(CopilotUpstreamError)
  return (error as CopilotUpstreamError).problem
}

describe('exchangeGitHubToken', () => {
  it("asks GitHub's token endpoint with the GitHub token and the editor's headers", async () => {
    const { deps, github } = setup()
    const token = await exchangeGitHubToken(deps, FAKE_OCTOCAT.githubToken, SETUP)
    expect(token.token).toMatch(/^tid=fake1;/)
    expect(token.expiresAt).toBe(START / 1000 + 1800)
    expect(token.apiEndpoint).toBe('https://api.copilot.fake.invalid')
    const [request] = github.received
    expect(request).toMatchObject({ method: 'GET', url: `${FAKE_GITHUB_API_URL}/copilot_internal/v2/token` })
    expect(request?.headers).toMatchObject({
      authorization: `token ${FAKE_OCTOCAT.githubToken}`,
      accept: 'application/json',
      'editor-version': expect.stringMatching(/^vscode\//),
      'editor-plugin-version': expect.stringMatching(/^copilot-chat\//),
      'user-agent': expect.stringMatching(/^GitHubCopilotChat\//),
      'x-github-api-version': '2025-04-01',
    })
  })

  it('says to sign in again when GitHub refuses the GitHub token', async () => {
    const { deps, github } = setup()
    github.revokeGitHubToken(FAKE_OCTOCAT.githubToken)
    expect(await problemOf(exchangeGitHubToken(deps, FAKE_OCTOCAT.githubToken, SETUP))).toEqual({
      status: 401,
      code: 'github_sign_in_expired',
      message: `GitHub no longer accepts this account's sign-in: its GitHub token was revoked or has expired. Sign in again at ${SETUP}.`,
    })
  })

  it('says the account has no Copilot seat when the exchange answers 404', async () => {
    const noSeat = { id: 2, login: 'noseat', githubToken: 'ghu_noseat', copilot: false }
    const { deps } = createFakeUpstreams({ github: { users: [noSeat] } })
    const problem = await problemOf(exchangeGitHubToken(deps, noSeat.githubToken, SETUP))
    expect(problem).toMatchObject({ status: 403, code: 'copilot_no_access' })
    expect(problem.message).toContain('no Copilot seat')
  })
})

describe('createCopilotTokens', () => {
  it('keeps the token until 5 minutes before it expires, then exchanges again', async () => {
    const { tokens, of, github, advance, decrypted } = setup()
    const first = await tokens.get(of('octocat:1'))
    advance(1800_000 - 300_000 - 1)
    expect(await tokens.get(of('octocat:1'))).toEqual(first)
    expect(github.exchanges).toBe(1)
    expect(decrypted()).toBe(1)
    advance(1)
    const second = await tokens.get(of('octocat:1'))
    expect(second.token).not.toBe(first.token)
    expect(github.exchanges).toBe(2)
  })

  it('shares one exchange among concurrent callers of one account', async () => {
    const { tokens, of, github } = setup()
    const answers = await Promise.all(Array.from({ length: 10 }, () => tokens.get(of('octocat:1'))))
    expect(new Set(answers.map((answer) => answer.token)).size).toBe(1)
    expect(github.exchanges).toBe(1)
  })

  it('keeps accounts apart', async () => {
    const { tokens, of, github } = setup()
    const [a, b] = await Promise.all([tokens.get(of('octocat:1')), tokens.get(of('octocat:2'))])
    expect(a?.token).not.toBe(b?.token)
    expect(github.exchanges).toBe(2)
  })

  it('does not keep a failed exchange: the next call tries again', async () => {
    const { tokens, of, github } = setup()
    github.revokeGitHubToken(FAKE_OCTOCAT.githubToken)
    const failures = await Promise.allSettled([tokens.get(of('octocat:1')), tokens.get(of('octocat:1'))])
    expect(failures.map((failure) => failure.status)).toEqual(['rejected', 'rejected'])
    expect(github.received).toHaveLength(1)
    await tokens.get(of('octocat:1')).catch(() => undefined)
    expect(github.received).toHaveLength(2)
  })

  it('does not keep a token that is already within 5 minutes of expiring', async () => {
    const { tokens, of, github } = setup(200)
    await tokens.get(of('octocat:1'))
    await tokens.get(of('octocat:1'))
    expect(github.exchanges).toBe(2)
  })

  it('invalidate forgets only the token Copilot refused', async () => {
    const { tokens, of, github } = setup()
    const first = await tokens.get(of('octocat:1'))
    tokens.invalidate('octocat:1', 'some-older-token')
    expect(await tokens.get(of('octocat:1'))).toEqual(first)
    tokens.invalidate('octocat:1', first.token)
    expect((await tokens.get(of('octocat:1'))).token).not.toBe(first.token)
    expect(github.exchanges).toBe(2)
  })
})

describe('withCopilotToken', () => {
  const listModels =
    (fetch: Fetch, mangle = (token: string) => token) =>
    (token: CopilotToken) =>
      fetch(new Request(`${FAKE_COPILOT_API_URL}/models`, { headers: copilotHeaders({ copilotToken: mangle(token.token) }) }))

  it('exchanges again and retries once when Copilot refuses the token', async () => {
    const { tokens, of, github, copilot, fetch } = setup()
    await tokens.get(of('octocat:1'))
    github.revokeCopilotTokens()
    const response = await withCopilotToken(tokens, of('octocat:1'), listModels(fetch))
    expect(response.status).toBe(200)
    expect(github.exchanges).toBe(2)
    expect(copilot.received).toHaveLength(2)
  })

  it('answers the second 401 as it came, without a third try', async () => {
    const { tokens, of, github, copilot, fetch } = setup()
    const response = await withCopilotToken(
      tokens,
      of('octocat:1'),
      listModels(fetch, (token) => `${token}-unknown`),
    )
    expect(response.status).toBe(401)
    expect(github.exchanges).toBe(2)
    expect(copilot.received).toHaveLength(2)
  })
})
