import { afterEach, describe, expect, it, vi } from 'vitest'
import { log, logLine } from '../../src/platform/log.js'

afterEach(() => vi.restoreAllMocks())

describe('log lines', () => {
  it('hold only the allowlisted fields, so a secret, a header or a body has nowhere to go', () => {
    const fields = { request_id: 'req_1', status: 200, authorization: 'Bearer sk-secret', body: 'a prompt', token: 't', prompt: 'p' }
    expect(JSON.parse(logLine('info', 'request', fields as never))).toEqual({ level: 'info', msg: 'request', request_id: 'req_1', status: 200 })
  })

  it('keep only scalar values, and cut long strings', () => {
    const line = JSON.parse(logLine('info', 'x', { route: 'r'.repeat(5_000), relay: { nested: 'secret' } as never, stream: true, caller: null }))
    expect(line.route).toHaveLength(200)
    expect(line).not.toHaveProperty('relay')
    expect([line.stream, line.caller]).toEqual([true, null])
  })

  it('write info to stdout and warnings and errors to stderr, one JSON line each', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    log('info', 'a')
    log('warn', 'b')
    log('error', 'c', { error: 'TypeError' })
    expect(out.mock.calls.map(([line]) => JSON.parse(line as string).msg)).toEqual(['a'])
    expect(err.mock.calls.map(([line]) => JSON.parse(line as string))).toEqual([
      { level: 'warn', msg: 'b' },
      { level: 'error', msg: 'c', error: 'TypeError' },
    ])
  })
})
