import { describe, expect, it } from 'vitest'
import { secretsMatch } from '../../src/platform/auth/bearer.js'
import { relaykit, secrets } from '../support/harness.js'

interface Route {
  path: string
  body: Record<string, unknown>
  secret: string
  other: string
}

const routes: Record<'github' | 'operator', Route> = {
  github: { path: '/chatgpt/prs/list', body: { owner: 'octo-org', repo: 'hello-world' }, secret: secrets.ACTIONS_TOKEN, other: secrets.RELAY_SECRET },
  operator: { path: '/trigger-hive', body: { action: 'execute', dry_run: true }, secret: secrets.RELAY_SECRET, other: secrets.ACTIONS_TOKEN },
}

const attempts: [string, (route: Route) => Record<string, string>][] = [
  ['no Authorization header', () => ({})],
  ['an empty bearer token', () => ({ Authorization: 'Bearer ' })],
  ['the wrong token', () => ({ Authorization: 'Bearer not-the-token' })],
  ['the right token with the Basic scheme', (route) => ({ Authorization: `Basic ${route.secret}` })],
  ['the right token without a scheme', (route) => ({ Authorization: route.secret })],
  ['the token of the other relay', (route) => ({ Authorization: `Bearer ${route.other}` })],
  ['the right token with a suffix', (route) => ({ Authorization: `Bearer ${route.secret}x` })],
  ['a prefix of the right token', (route) => ({ Authorization: `Bearer ${route.secret.slice(0, -1)}` })],
  ['the token in X-Relay-Secret instead', (route) => ({ 'X-Relay-Secret': route.secret })],
]

describe.each(Object.entries(routes))('%s relay auth', (_, route) => {
  it.each(attempts)('refuses %s with 401 and calls nothing', async (_, headers) => {
    const worker = relaykit()
    const response = await worker.post(route.path, route.body, headers(route))
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="relaykit"')
    expect(((await response.json()) as { error: string }).error).toBe('unauthorized')
    expect(worker.github.received).toEqual([])
  })

  it('accepts the right token, with any case of "Bearer"', async () => {
    const response = await relaykit().post(route.path, route.body, { Authorization: `bEaReR ${route.secret}` })
    expect(response.status).toBeLessThan(300)
  })
})

describe('the older token name CHATGPT_BEARER_TOKEN', () => {
  it('accepts CHATGPT_BEARER_TOKEN alone', async () => {
    const worker = relaykit({ ACTIONS_TOKEN: undefined })
    const response = await worker.post('/chatgpt/prs/list', routes.github.body, { Authorization: `Bearer ${secrets.CHATGPT_BEARER_TOKEN}` })
    expect(response.status).toBe(200)
  })

  it('accepts both names while both are set (rotation)', async () => {
    const worker = relaykit()
    for (const token of [secrets.ACTIONS_TOKEN, secrets.CHATGPT_BEARER_TOKEN]) {
      expect((await worker.post('/chatgpt/prs/list', routes.github.body, { Authorization: `Bearer ${token}` })).status).toBe(200)
    }
  })
})

describe('secretsMatch', () => {
  it('is true only for the identical secret', async () => {
    expect(await secretsMatch('abc', 'abc')).toBe(true)
    expect(await secretsMatch('abc', 'abd')).toBe(false)
    expect(await secretsMatch('abc', 'abcd')).toBe(false)
    expect(await secretsMatch('', 'abc')).toBe(false)
  })
})
