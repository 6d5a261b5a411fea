import { describe, expect, it, vi } from 'vitest'
import type { Env } from '../../src/platform/env.js'
import { firstUse } from '../../src/platform/first-use.js'

const env = {} as Env
const pathOf = (request: Request) => new URL(request.url).pathname
const request = (path: string) => new Request(`https://relaykit.test${path}`)

function parts(build: { github: () => Promise<string>; copilot: () => Promise<string> }) {
  return [
    { name: 'github', routeTable: [['POST', '/chatgpt/prs/list']] as const, build: build.github },
    { name: 'copilot', routeTable: [['GET', '/:username/v1/models']] as const, build: build.copilot },
  ]
}

describe('firstUse', () => {
  it('builds only the routes a request is for, once, however many requests come while it builds', async () => {
    const github = vi.fn(async () => 'github routes')
    const copilot = vi.fn(async () => 'copilot routes')
    const built = vi.fn()
    const ready = firstUse(parts({ github, copilot }), pathOf, built)
    await Promise.all([ready(request('/chatgpt/prs/list'), env), ready(request('/chatgpt/prs/list'), env)])
    await ready(request('/health'), env)
    expect([github.mock.calls.length, copilot.mock.calls.length]).toEqual([1, 0])
    expect(built.mock.calls).toEqual([['github', 'github routes']])
    await ready(request('/octocat/v1/models'), env)
    await ready(request('/chatgpt/prs/list'), env)
    expect(built.mock.calls).toEqual([
      ['github', 'github routes'],
      ['copilot', 'copilot routes'],
    ])
  })

  it('matches the path the app routes by (ROOT_RELAY moves `/`)', async () => {
    const built = vi.fn()
    const ready = firstUse(parts({ github: async () => 'github routes', copilot: async () => 'copilot routes' }), () => '/chatgpt/prs/list', built)
    await ready(request('/'), env)
    expect(built.mock.calls).toEqual([['github', 'github routes']])
  })

  it('logs a build that fails, without its error, and tries it again on the next request', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    let attempts = 0
    const github = async () => {
      attempts++
      if (attempts === 1) throw new Error('module failed to load: secret-looking-detail')
      return 'github routes'
    }
    const built = vi.fn()
    const ready = firstUse(parts({ github, copilot: async () => 'copilot routes' }), pathOf, built)
    await ready(request('/chatgpt/prs/list'), env)
    expect(built).not.toHaveBeenCalled()
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([{ level: 'error', msg: 'routes_not_built', relay: 'github', error: 'Error' }])
    await ready(request('/chatgpt/prs/list'), env)
    expect(built.mock.calls).toEqual([['github', 'github routes']])
    errors.mockRestore()
  })
})
