import { describe, expect, it } from 'vitest'
import { createFakeUpstreams, FAKE_COPILOT_API_URL } from './fake/fake-upstreams.js'
import { FAKE_OCTOCAT } from './fake/fake-github.js'
import { type CopilotModel, createModelsCache, fetchCopilotModels, isFreeModel, toModelList } from './models.js'
import type { CopilotUpstreamError } from './problem.js'
import { exchangeGitHubToken } from './token-exchange.js'

const SETUP = 'https://relay.example/copilot'

async function fakeModels() {
  const fakes = createFakeUpstreams()
  const { token } = await exchangeGitHubToken(fakes.deps, FAKE_OCTOCAT.githubToken, SETUP)
  return { ...fakes, models: await fetchCopilotModels(fakes.deps, { baseUrl: FAKE_COPILOT_API_URL, copilotToken: token, setupPageUrl: SETUP }), token }
}

describe('fetchCopilotModels', () => {
  it("asks Copilot's /models with the Copilot token and no initiator", async () => {
    const { copilot, models, token } = await fakeModels()
    expect(models.map((model) => model.id)).toContain('claude-sonnet-4.5')
    const [request] = copilot.received
    expect(request).toMatchObject({ method: 'GET', path: '/models' })
    expect(request?.headers.authorization).toBe(`Bearer ${token}`)
    expect(request?.headers['copilot-integration-id']).toBe('vscode-chat')
    expect(request?.headers).not.toHaveProperty('x-initiator')
  })

  it('says to sign in again when Copilot refuses the token', async () => {
    const fakes = createFakeUpstreams()
    const error = await fetchCopilotModels(fakes.deps, { baseUrl: FAKE_COPILOT_API_URL, copilotToken: 'stale', setupPageUrl: SETUP }).catch((reason: unknown) => reason)
    expect((error as CopilotUpstreamError).problem).toMatchObject({ status: 401, code: 'copilot_token_rejected' })
  })
})

describe('toModelList', () => {
  it("is OpenAI's list shape, free models first, with supported_endpoints kept", async () => {
    const { models } = await fakeModels()
    const list = toModelList(models)
    expect(list.object).toBe('list')
    expect(list.data.map((model) => [model.id, model.free])).toEqual([
      ['gpt-4.1', true],
      ['gpt-5-mini', true],
      ['text-embedding-3-small', true],
      ['claude-sonnet-4.5', false],
      ['gpt-5', false],
      ['gpt-5-codex', false],
    ])
    expect(list.data.find((model) => model.id === 'claude-sonnet-4.5')).toMatchObject({
      object: 'model',
      created: 0,
      owned_by: 'Anthropic',
      display_name: 'Claude Sonnet 4.5',
      supported_endpoints: ['/chat/completions', '/v1/messages'],
    })
    expect(list.data.find((model) => model.id === 'gpt-5-codex')?.supported_endpoints).toEqual(['/responses'])
  })

  it('leaves out a model the account has not enabled', async () => {
    const { models } = await fakeModels()
    expect(models.map((model) => model.id)).toContain('claude-opus-4.1')
    expect(toModelList(models).data.map((model) => model.id)).not.toContain('claude-opus-4.1')
  })
})

describe('isFreeModel', () => {
  const model = (id: string, billing?: CopilotModel['billing']): CopilotModel => ({ id, billing })

  it('is free when Copilot bills nothing for it', () => {
    expect(isFreeModel(model('x', { is_premium: false }))).toBe(true)
    expect(isFreeModel(model('x', { is_premium: true, multiplier: 0 }))).toBe(true)
    expect(isFreeModel(model('x', { is_premium: true, multiplier: 1 }))).toBe(false)
  })

  it('believes the billing over the list of known free models', () => {
    expect(isFreeModel(model('gpt-5-mini', { is_premium: true, multiplier: 0.33 }))).toBe(false)
  })

  it('falls back to the known free models when there is no billing', () => {
    expect(isFreeModel(model('gpt-5-mini'))).toBe(true)
    expect(isFreeModel(model('grok-code-fast-1', {}))).toBe(true)
    expect(isFreeModel(model('gpt-5'))).toBe(false)
  })
})

describe('createModelsCache', () => {
  it('keeps an account’s list for at most an hour, one fetch at a time', async () => {
    let clock = 0
    let fetches = 0
    const cache = createModelsCache({ now: () => clock })
    const load = async () => {
      fetches += 1
      return [{ id: `model-${fetches}` }]
    }
    const [a, b] = await Promise.all([cache.get('octocat', load), cache.get('octocat', load)])
    expect(a).toBe(b)
    expect(fetches).toBe(1)
    clock = 60 * 60_000 - 1
    expect(await cache.get('octocat', load)).toEqual([{ id: 'model-1' }])
    clock = 60 * 60_000
    expect(await cache.get('octocat', load)).toEqual([{ id: 'model-2' }])
    expect(await cache.get('hubot', load)).toEqual([{ id: 'model-3' }])
  })

  it('does not keep a failed fetch', async () => {
    const cache = createModelsCache({ now: () => 0 })
    await expect(cache.get('octocat', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.get('octocat', async () => [{ id: 'm' }])).toEqual([{ id: 'm' }])
  })
})
