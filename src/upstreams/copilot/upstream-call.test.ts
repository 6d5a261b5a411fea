import { describe, expect, it } from 'vitest'
import { CopilotUpstreamError } from './problem.js'
import { DEFAULT_COPILOT_SETTINGS } from './settings.js'
import { send } from './upstream-call.js'

const settings = { ...DEFAULT_COPILOT_SETTINGS, timeoutMs: 50 }
const request = () => new Request('https://api.githubcopilot.com/models')

/** Never answers; rejects as fetch does once the request's signal aborts. */
const hang = (request: Request) =>
  new Promise<Response>((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason))
  })

describe('send', () => {
  it('gives up after the timeout, saying so', async () => {
    const error = await send({ fetch: hang, settings }, 'Copilot', request()).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(CopilotUpstreamError)
    expect((error as CopilotUpstreamError).problem).toEqual({ status: 504, code: 'copilot_timeout', message: 'Copilot did not begin answering within 50 ms. Try again.' })
  })

  it('says the upstream is unreachable when the network fails', async () => {
    const error = await send({ fetch: () => Promise.reject(new TypeError('connection refused')), settings }, 'GitHub', request()).catch((reason: unknown) => reason)
    expect((error as CopilotUpstreamError).problem).toMatchObject({ status: 502, code: 'github_unreachable' })
  })

  it("passes the caller's own abort on as it is", async () => {
    const caller = new AbortController()
    const sent = send({ fetch: hang, settings: { ...settings, timeoutMs: 10_000 } }, 'Copilot', request(), caller.signal)
    caller.abort(new Error('caller left'))
    await expect(sent).rejects.toThrow('caller left')
  })

  it('does not cut an answer that began in time', async () => {
    const response = await send({ fetch: async () => new Response('ok'), settings }, 'Copilot', request())
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(await response.text()).toBe('ok')
  })
})
