import { describe, expect, it } from 'vitest'
import { createFakeUpstreams, FAKE_GITHUB_API_URL } from './fake/fake-upstreams.js'
import { FAKE_OCTOCAT } from './fake/fake-github.js'
import type { CopilotUpstreamError } from './problem.js'
import { fetchCopilotQuota } from './quota.js'

const SETUP = 'https://relay.example/copilot'

describe('fetchCopilotQuota', () => {
  it("reads a paid plan's premium requests from the GitHub API with the GitHub token", async () => {
    const { deps, github } = createFakeUpstreams()
    expect(await fetchCopilotQuota(deps, FAKE_OCTOCAT.githubToken, SETUP)).toEqual({
      plan: 'individual',
      reset_date: '2026-02-01',
      premium: { used: 60, remaining: 240, entitlement: 300, unlimited: false },
      chat: { used: null, remaining: 0, entitlement: 0, unlimited: true },
      completions: { used: null, remaining: 0, entitlement: 0, unlimited: true },
    })
    expect(github.received[0]).toMatchObject({ url: `${FAKE_GITHUB_API_URL}/copilot_internal/user` })
    expect(github.received[0]?.headers.authorization).toBe(`token ${FAKE_OCTOCAT.githubToken}`)
  })

  it("reads Copilot Free's monthly allowance and what is left of it", async () => {
    const free = {
      ...FAKE_OCTOCAT,
      quota: { copilot_plan: 'free', monthly_quotas: { chat: 50, completions: 2000 }, limited_user_quotas: { chat: 45, completions: 1990 }, limited_user_reset_date: '2026-02-03' },
    }
    const { deps } = createFakeUpstreams({ github: { users: [free] } })
    expect(await fetchCopilotQuota(deps, free.githubToken, SETUP)).toEqual({
      plan: 'free',
      reset_date: '2026-02-03',
      premium: null,
      chat: { used: 5, remaining: 45, entitlement: 50, unlimited: false },
      completions: { used: 10, remaining: 1990, entitlement: 2000, unlimited: false },
    })
  })

  it('says to sign in again when GitHub refuses the GitHub token', async () => {
    const { deps } = createFakeUpstreams()
    const error = await fetchCopilotQuota(deps, 'ghu_revoked', SETUP).catch((reason: unknown) => reason)
    expect((error as CopilotUpstreamError).problem).toMatchObject({ status: 401, code: 'github_sign_in_expired' })
  })
})
