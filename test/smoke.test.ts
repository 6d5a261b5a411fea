import { describe, expect, it } from 'vitest'
import { relaykit, secrets } from './support/harness.js'

describe('smoke', () => {
  it('lists pull requests', async () => {
    const { client, githubContractBreaches } = relaykit()
    const { data, error, response } = await client(secrets.ACTIONS_TOKEN).POST('/chatgpt/prs/list', { body: { owner: 'octo-org', repo: 'hello-world' } })
    console.log(response.status, JSON.stringify(data ?? error).slice(0, 500))
    expect(githubContractBreaches).toEqual([])
  })
})
