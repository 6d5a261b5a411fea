import { describe, expect, it, vi } from 'vitest'
import { FAKE_COPILOT_REPLY } from '../../../src/upstreams/copilot/fake/fake-copilot.js'
import { FAKE_OCTOCAT } from '../../../src/upstreams/copilot/fake/fake-github.js'
import { accountWithKey, type CopilotWorker, copilotWorker, failing, NOSEAT, setupPage } from '../../support/copilot.js'

// What the bridge does with a call on the account's Copilot: streams byte for byte, a caller
// leaving, Copilot's failures, the headers Copilot gets, and the requests coding agents send.

type Fetch = (request: Request) => Promise<Response>

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
}
const chat = { model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello.' }] }

/** Keeps a copy of every answer body Copilot sent, byte for byte, as relaykit received it. */
function recordingAnswers() {
  const answers: Promise<string>[] = []
  const through =
    (fake: Fetch): Fetch =>
    async (request) => {
      const response = await fake(request)
      if (!response.body || !['/chat/completions', '/responses'].includes(new URL(request.url).pathname)) return response
      const [forRelaykit, forTest] = response.body.tee()
      answers.push(new Response(forTest).text())
      return new Response(forRelaykit, response)
    }
  return { through, answers }
}

async function keyed(worker: CopilotWorker = copilotWorker()) {
  return { worker, ...(await accountWithKey(worker)) }
}

const post = (worker: CopilotWorker, path: string, body: unknown, headers: Record<string, string>) => worker.send('POST', `/octocat/v1${path}`, { headers, body })

/** The requests the fake Copilot received to `path`. */
const sentTo = (worker: CopilotWorker, path: string) => worker.copilot.received.filter((request) => request.path === path)

describe('streams', () => {
  it('pass a chat stream byte for byte: a tool call and its argument deltas in another choice, and the usage-only chunk', async () => {
    const recorded = recordingAnswers()
    const { worker, bearer } = await keyed(copilotWorker({}, {}, recorded.through))
    const response = await post(worker, '/chat/completions', { ...chat, tools: [weatherTool], stream: true }, bearer)
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('no-store, no-transform')
    const received = await response.text()
    expect(received).toBe(await recorded.answers[0])
    expect(received).toContain('"tool_calls":[{"index":0,"id":"call_fake1"')
    expect(received.match(/"index":1,"delta":\{"tool_calls":\[\{"index":0,"function":\{"arguments"/g)?.length).toBeGreaterThanOrEqual(2)
    expect(received).toMatch(/"choices":\[\],"usage":\{"prompt_tokens":\d+/)
    expect(received.endsWith('data: [DONE]\n\n')).toBe(true)
  })

  it('pass a Responses stream byte for byte, event names included', async () => {
    const recorded = recordingAnswers()
    const { worker, bearer } = await keyed(copilotWorker({}, {}, recorded.through))
    const response = await post(worker, '/responses', { model: 'gpt-5-codex', input: 'Hello.', stream: true }, bearer)
    const received = await response.text()
    expect(received).toBe(await recorded.answers[0])
    expect(received.startsWith('event: response.created\ndata: ')).toBe(true)
    expect(received).toContain('event: response.completed\n')
  })

  it('end with a last error event when Copilot breaks off after the first byte', async () => {
    const { worker, bearer } = await keyed()
    worker.copilot.failNext('break-mid-stream')
    const response = await post(worker, '/chat/completions', { ...chat, stream: true }, bearer)
    expect(response.status).toBe(200)
    const events = (await response.text()).trim().split('\n\n')
    expect(events).toHaveLength(3)
    expect(JSON.parse(events.at(-1)!.replace(/^data: /, ''))).toEqual({
      error: { message: "Copilot's stream broke off before the answer was complete. Try again.", type: 'relay_error', code: 'copilot_stream_interrupted' },
    })
  })

  it('stop Copilot when the caller goes away mid-stream', async () => {
    const { worker, bearer } = await keyed(copilotWorker({}, { copilot: { chunkDelayMs: 20 } }))
    const response = await post(worker, '/chat/completions', { ...chat, stream: true }, bearer)
    const reader = response.body!.getReader()
    await reader.read()
    await reader.cancel()
    await vi.waitFor(() => expect(worker.copilot.cancelledStreams).toBe(1))
  })

  it('abort the Copilot request when the caller goes away before it answers', async () => {
    const aborted: unknown[] = []
    const watching =
      (fake: Fetch): Fetch =>
      (request) => {
        request.signal.addEventListener('abort', () => aborted.push(request.signal.reason))
        return fake(request)
      }
    const { worker, bearer } = await keyed(copilotWorker({}, {}, (fake) => watching(failing('/chat/completions', 'hang')(fake))))
    const caller = new AbortController()
    const answer = worker.fetch('/octocat/v1/chat/completions', {
      method: 'POST',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify(chat),
      signal: caller.signal,
    })
    await vi.waitFor(() => expect(sentTo(worker, '/chat/completions')).toHaveLength(0))
    await new Promise((resolve) => setTimeout(resolve, 20))
    caller.abort()
    await Promise.resolve(answer).catch(() => undefined)
    await vi.waitFor(() => expect(aborted.length).toBeGreaterThan(0))
  })
})

describe("Copilot's failures", () => {
  it('exchange the token again and retry once when Copilot refuses it', async () => {
    const { worker, bearer } = await keyed()
    expect((await post(worker, '/chat/completions', chat, bearer)).status).toBe(200)
    worker.github.revokeCopilotTokens()
    const again = await post(worker, '/chat/completions', chat, bearer)
    expect(again.status).toBe(200)
    expect(worker.github.exchanges).toBe(3) // the sign-in's check, the first call, the retry
    expect(sentTo(worker, '/chat/completions')).toHaveLength(3)
  })

  it('say to sign in again, with the page, when GitHub no longer accepts the account', async () => {
    const { worker, bearer } = await keyed()
    worker.github.revokeGitHubToken(FAKE_OCTOCAT.githubToken)
    worker.github.revokeCopilotTokens()
    const response = await post(worker, '/chat/completions', chat, bearer)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: {
        message: "GitHub no longer accepts this account's sign-in: its GitHub token was revoked or has expired. Sign in again at https://relaykit.test/copilot.",
        type: 'authentication_error',
        param: null,
        code: 'github_sign_in_expired',
      },
    })
  })

  it("quote Copilot's reason for a model not enabled, and say what to do", async () => {
    const { worker, bearer } = await keyed()
    const response = await post(worker, '/chat/completions', { ...chat, model: 'claude-opus-4.1' }, bearer)
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    expect([response.status, error.code]).toEqual([400, 'copilot_model_not_enabled'])
    expect(error.message).toContain('"The requested model is not supported."')
    expect(error.message).toContain('Enable the model in your Copilot settings')
  })

  it("pass on Copilot's rate limit with its wait", async () => {
    const { worker, bearer } = await keyed()
    worker.copilot.failNext({ status: 429, headers: { 'retry-after': '42' }, body: { error: { message: 'Rate limit exceeded', code: 'rate_limited' } } })
    const response = await post(worker, '/chat/completions', chat, bearer)
    expect([response.status, response.headers.get('Retry-After')]).toEqual([429, '42'])
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('Copilot is rate limiting this account: "Rate limit exceeded". Try again in 42 seconds.')
  })

  it('refuse a sign-in for a GitHub user without Copilot, saying so', async () => {
    const worker = copilotWorker({}, { github: { deviceFlowUser: NOSEAT.login } })
    const response = await setupPage(worker).signIn()
    const body = (await response.json()) as { error: string; message: string }
    expect([response.status, body.error]).toEqual([403, 'copilot_no_access'])
    expect(body.message).toContain('no Copilot seat')
  })
})

describe('what Copilot receives', () => {
  it("only relaykit's own headers: the Copilot token, the editor, a new request id, never the caller's", async () => {
    const { worker, bearer, key } = await keyed()
    await post(worker, '/chat/completions', chat, { ...bearer, 'x-api-key': key, Cookie: 'a=b', 'session-id': 's1', 'X-Custom': 'mine' })
    await post(worker, '/chat/completions', chat, bearer)
    const [first, second] = sentTo(worker, '/chat/completions')
    expect(first?.headers.authorization).toMatch(/^Bearer tid=fake\d+;/)
    expect(first?.headers).toMatchObject({ 'copilot-integration-id': 'vscode-chat', 'editor-version': expect.stringMatching(/^vscode\//), 'x-initiator': 'user' })
    expect(first?.headers).not.toHaveProperty('x-api-key')
    expect(first?.headers).not.toHaveProperty('cookie')
    expect(first?.headers).not.toHaveProperty('session-id')
    expect(first?.headers).not.toHaveProperty('x-custom')
    expect(JSON.stringify(first?.headers)).not.toContain(key)
    expect(first?.headers['x-request-id']).not.toBe(second?.headers['x-request-id'])
  })

  it("marks an agent's follow-up turn as the agent's, and an image as a vision request", async () => {
    const { worker, bearer } = await keyed()
    const followUp = [
      ...chat.messages,
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
    ]
    await post(worker, '/chat/completions', { ...chat, messages: followUp }, bearer)
    await post(
      worker,
      '/chat/completions',
      {
        ...chat,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            ],
          },
        ],
      },
      bearer,
    )
    const [agent, vision] = sentTo(worker, '/chat/completions')
    expect(agent?.headers['x-initiator']).toBe('agent')
    expect(agent?.headers).not.toHaveProperty('copilot-vision-request')
    expect(vision?.headers).toMatchObject({ 'x-initiator': 'user', 'copilot-vision-request': 'true' })
  })

  it('every field the caller sent, untouched, but max_tokens as max_completion_tokens for the models that refuse it', async () => {
    const { worker, bearer } = await keyed()
    const body = {
      ...chat,
      model: 'gpt-5',
      max_tokens: 50,
      tools: [weatherTool],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      reasoning_effort: 'low',
      n: 1,
      seed: 3,
    }
    expect((await post(worker, '/chat/completions', body, bearer)).status).toBe(200)
    const { max_tokens: _maxTokens, ...rest } = body
    expect(sentTo(worker, '/chat/completions')[0]?.body).toEqual({ ...rest, max_completion_tokens: 50 })
  })

  it('embeddings of one string as a list, without the github_copilot/ prefix', async () => {
    const { worker, bearer } = await keyed()
    const response = await post(worker, '/embeddings', { model: 'github_copilot/text-embedding-3-small', input: 'hello world' }, bearer)
    expect(response.status).toBe(200)
    expect(sentTo(worker, '/embeddings')[0]?.body).toEqual({ model: 'text-embedding-3-small', input: ['hello world'] })
  })

  it('the key as x-api-key, as Anthropic clients send it', async () => {
    const { worker, key } = await keyed()
    expect((await post(worker, '/chat/completions', chat, { 'x-api-key': key })).status).toBe(200)
  })
})

describe('what Codex sends to /responses', () => {
  // Captured from Codex CLI 0.169 with a custom provider (`wire_api = "responses"`).
  const codexRequest = {
    model: 'gpt-5-codex',
    stream: true,
    input: [
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'You are a coding agent.' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'List the files.' }] },
    ],
    tools: [
      {
        type: 'function',
        name: 'shell',
        description: 'Runs a command',
        strict: false,
        parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'] },
      },
      { type: 'namespace', name: 'mcp__docs', tools: [{ type: 'function', name: 'search', parameters: { type: 'object', properties: {} } }] },
      { type: 'web_search' },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { summary: 'auto' },
    store: false,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: '0199c3a1-8f4e-7c2d-9b1a-3e5f7a9c1d2b',
    client_metadata: { originator: 'codex_cli_rs' },
  }
  const codexHeaders = { 'session-id': '0199c3a1', 'thread-id': '0199c3a2', originator: 'codex_cli_rs', 'x-client-request-id': 'r1', 'x-codex-turn-metadata': '{}' }

  it('passes to Copilot as it came, streams back a function call, and none of its headers reach Copilot', async () => {
    const { worker, bearer } = await keyed()
    const response = await post(worker, '/responses', codexRequest, { ...bearer, ...codexHeaders })
    expect(response.status).toBe(200)
    const events = await response.text()
    expect(events).toContain('event: response.function_call_arguments.delta')
    expect(events).toContain('event: response.completed')
    const [sent] = sentTo(worker, '/responses')
    expect(sent?.body).toEqual(codexRequest)
    for (const name of Object.keys(codexHeaders)) expect(sent?.headers).not.toHaveProperty(name)
    expect(sent?.headers['x-initiator']).toBe('user')
  })

  it('refuses by name a hosted tool Copilot cannot run, before asking Copilot', async () => {
    const { worker, bearer } = await keyed()
    const response = await post(worker, '/responses', { ...codexRequest, tools: [...codexRequest.tools, { type: 'file_search', vector_store_ids: ['vs_1'] }] }, bearer)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        message: 'Copilot cannot run the hosted tool file_search: it needs state only OpenAI keeps. Remove it from `tools`, or offer a function tool your client runs instead.',
        type: 'invalid_request_error',
        param: 'tools.3.type',
        code: 'copilot_unsupported_tool',
      },
    })
    expect(sentTo(worker, '/responses')).toHaveLength(0)
  })

  it('refuses to continue a stored response, which Copilot does not keep', async () => {
    const { worker, bearer } = await keyed()
    const response = await post(worker, '/responses', { ...codexRequest, previous_response_id: 'resp_1' }, bearer)
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([400, 'copilot_unsupported_parameter'])
  })
})

describe('models', () => {
  it('lists what the account can use, free first, each with free; kept for the hour', async () => {
    const { worker, bearer } = await keyed()
    const first = (await (await worker.send('GET', '/octocat/v1/models', { headers: bearer })).json()) as { data: { id: string; free: boolean }[] }
    expect(first.data.map((model) => [model.id, model.free])).toEqual([
      ['gpt-4.1', true],
      ['gpt-5-mini', true],
      ['text-embedding-3-small', true],
      ['claude-sonnet-4.5', false],
      ['gpt-5', false],
      ['gpt-5-codex', false],
    ])
    await worker.send('GET', '/octocat/v1/models', { headers: bearer })
    expect(sentTo(worker, '/models')).toHaveLength(1)
  })

  it('lists only the models COPILOT_MODELS allows', async () => {
    const { worker, bearer } = await keyed(copilotWorker({ COPILOT_MODELS: 'gpt-5,claude-sonnet-4.5' }))
    const list = (await (await worker.send('GET', '/octocat/v1/models', { headers: bearer })).json()) as { data: { id: string }[] }
    expect(list.data.map((model) => model.id)).toEqual(['claude-sonnet-4.5', 'gpt-5'])
  })
})

describe('usage', () => {
  it("answers the account's quota: premium requests used and left, the reset date, the plan", async () => {
    const { worker, bearer } = await keyed()
    expect(await (await worker.send('GET', '/octocat/v1/usage', { headers: bearer })).json()).toEqual({
      plan: 'individual',
      reset_date: '2026-02-01',
      premium: { used: 60, remaining: 240, entitlement: 300, unlimited: false },
      chat: { used: null, remaining: 0, entitlement: 0, unlimited: true },
      completions: { used: null, remaining: 0, entitlement: 0, unlimited: true },
    })
  })
})

describe('the log', () => {
  it('holds one usage line per call, with the counts Copilot reported, and never what was said', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
    try {
      const { worker, bearer } = await keyed()
      await (await post(worker, '/chat/completions', { ...chat, stream: true }, bearer)).text()
      await post(worker, '/responses', { model: 'gpt-5-codex', input: 'Hello.' }, bearer)
      const usage = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'copilot_usage')
      expect(usage).toEqual([
        expect.objectContaining({ relay: 'copilot', model: 'gpt-4.1', prompt_tokens: 1, completion_tokens: 10, total_tokens: 11, caller: expect.stringMatching(/^sha256:/) }),
        expect.objectContaining({ model: 'gpt-5-codex', prompt_tokens: 1, completion_tokens: 10, total_tokens: 11 }),
      ])
      expect(lines.join('\n')).not.toContain('Hello.')
      expect(lines.join('\n')).not.toContain(FAKE_COPILOT_REPLY.slice(0, 20))
    } finally {
      spy.mockRestore()
    }
  })
})
