import { afterEach, describe, expect, it, vi } from 'vitest'
import { RelayError } from '../../src/platform/relay-error.js'
import { requestLog } from '../../src/platform/request-log.js'
import { smallApp } from './small-app.js'

afterEach(() => vi.restoreAllMocks())

describe('requestLog', () => {
  it('writes one line per request: route pattern, relay, status and outcome, never the path values or the query', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line))
    const app = smallApp()
    app.use(requestLog())
    app.get('/users/:name', (c) => {
      c.set('relay', 'example')
      return c.text('ok')
    })
    app.get('/fails', () => {
      throw new RelayError(502, 'upstream_down', 'The upstream is down.')
    })
    await app.request('/users/alice-secret-name?token=abc')
    await app.request('/fails')
    const entries = lines.map((line) => JSON.parse(line))
    expect(entries.map(({ route, relay, status, outcome, level }) => ({ route, relay, status, outcome, level }))).toEqual([
      { route: '/users/:name', relay: 'example', status: 200, outcome: 'ok', level: 'info' },
      { route: '/fails', relay: null, status: 502, outcome: 'upstream_down', level: 'error' },
    ])
    expect(lines.join('\n')).not.toMatch(/alice-secret-name|token=abc/)
  })
})
