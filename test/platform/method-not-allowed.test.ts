import { describe, expect, it } from 'vitest'
import spec from '../../openapi/openapi.json'
import { bearer, relaykit, secrets } from '../support/harness.js'

const list = { owner: 'octo-org', repo: 'hello-world' }

describe('a known path with another method', () => {
  it('is 405 with Allow in relaykit’s error shape, before authentication', async () => {
    const worker = relaykit()
    for (const headers of [{}, bearer(secrets.ACTIONS_TOKEN)]) {
      const response = await worker.fetch('/chatgpt/prs/list', { headers })
      expect(response.status).toBe(405)
      expect(response.headers.get('Allow')).toBe('OPTIONS, POST')
      expect(response.headers.get('WWW-Authenticate')).toBeNull()
      const body = (await response.json()) as Record<string, unknown>
      expect(body).toEqual({
        error: 'method_not_allowed',
        message: expect.stringMatching(/^GET is not allowed on \/chatgpt\/prs\/list; use POST\./),
        request_id: response.headers.get('X-Request-Id'),
      })
    }
    expect(worker.github.received).toEqual([])
  })

  it('names GET and HEAD where a path answers GET', async () => {
    const response = await relaykit().post('/health', {})
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toBe('GET, HEAD, OPTIONS')
    expect((await relaykit().fetch('/health', { method: 'HEAD' })).status).toBe(200)
  })

  it('comes before the relay gate: a relay that is off still says which method its path takes', async () => {
    const response = await relaykit({ RELAYS: 'operator' }).fetch('/chatgpt/prs/comment', { method: 'PUT' })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toBe('OPTIONS, POST')
  })

  it("is answered in the path's declared error shape (OpenAI's on the OpenAI-compatible routes)", async () => {
    const response = await relaykit().fetch('/relay/openai/v1/chat/completions', { headers: { Authorization: `Bearer ${secrets.OPENAI_RELAY_SECRET}` } })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toBe('OPTIONS, POST')
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/^GET is not allowed/), type: 'invalid_request_error', param: null, code: 'method_not_allowed' },
    })
  })

  it('counts POST / as allowed exactly when ROOT_RELAY routes it', async () => {
    const rooted = await relaykit({ ROOT_RELAY: 'chatkit' }).fetch('/', { method: 'DELETE' })
    expect(rooted.status).toBe(405)
    expect(rooted.headers.get('Allow')).toBe('GET, HEAD, OPTIONS, POST')
    const unrooted = await relaykit().post('/', {})
    expect(unrooted.status).toBe(405)
    expect(unrooted.headers.get('Allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('leaves the right method, unknown paths and CORS preflights as they were', async () => {
    const worker = relaykit()
    expect((await worker.post('/chatgpt/prs/list', list)).status).toBe(401)
    expect((await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN))).status).toBe(200)
    const unknown = await worker.fetch('/no-such-route', { method: 'PUT' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'not_found' })
    const preflight = await worker.fetch('/chatgpt/prs/list', { method: 'OPTIONS', headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com')
  })

  it('is stated in openapi.json', () => {
    expect(spec.info.description).toContain('405 Method Not Allowed with an `Allow` header')
  })

  it('answers a bare OPTIONS (not a preflight) with 204 and Allow', async () => {
    const response = await relaykit().fetch('/chatgpt/prs/list', { method: 'OPTIONS' })
    expect(response.status).toBe(204)
    expect(response.headers.get('Allow')).toBe('OPTIONS, POST')
  })
})
