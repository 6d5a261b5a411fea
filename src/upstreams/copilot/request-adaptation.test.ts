import { describe, expect, it } from 'vitest'
import type { NativeMessagesRequest } from '../../dialects/anthropic/request-content.js'
import { adaptChatRequest, adaptEmbeddingsRequest, adaptMessagesRequest, adaptResponsesRequest } from './request-adaptation.js'

describe('adaptChatRequest', () => {
  it.each(['gpt-5', 'gpt-5.4', 'gpt-5-mini', 'gpt-5-codex', 'o1', 'o3-mini', 'o4-mini'])('sends max_tokens as max_completion_tokens to %s', (model) => {
    expect(adaptChatRequest({ model, max_tokens: 100, messages: [] })).toEqual({ ok: true, body: { model, max_completion_tokens: 100, messages: [] } })
  })

  it('keeps max_completion_tokens when the caller sent both', () => {
    expect(adaptChatRequest({ model: 'gpt-5', max_tokens: 100, max_completion_tokens: 50 })).toEqual({ ok: true, body: { model: 'gpt-5', max_completion_tokens: 50 } })
  })

  it.each(['gpt-4.1', 'gpt-4o', 'claude-sonnet-4.5', 'gpt-50', 'oswe-vscode-prime', 'o'])('leaves max_tokens for %s', (model) => {
    const body = { model, max_tokens: 100 }
    expect(adaptChatRequest(body)).toEqual({ ok: true, body })
  })

  it('does not change the request it was given', () => {
    const body = { model: 'gpt-5', max_tokens: 100 }
    adaptChatRequest(body)
    expect(body).toEqual({ model: 'gpt-5', max_tokens: 100 })
  })
})

describe('adaptResponsesRequest', () => {
  it('passes everything else through, dropping the service tier', () => {
    const body = { model: 'gpt-5', input: 'hi', tools: [{ type: 'web_search' }], reasoning: { summary: 'auto' }, store: false, service_tier: 'priority' }
    expect(adaptResponsesRequest(body)).toEqual({ ok: true, body: { model: 'gpt-5', input: 'hi', tools: [{ type: 'web_search' }], reasoning: { summary: 'auto' }, store: false } })
  })

  it('refuses previous_response_id with what to send instead', () => {
    const adapted = adaptResponsesRequest({ model: 'gpt-5', input: 'and?', previous_response_id: 'resp_1' })
    expect(adapted).toMatchObject({ ok: false, problem: { status: 400, code: 'copilot_unsupported_parameter' } })
    expect(adapted.ok === false && adapted.problem.message).toContain('send the whole conversation in input')
    expect(adaptResponsesRequest({ model: 'gpt-5', input: 'x', previous_response_id: null }).ok).toBe(true)
  })
})

describe('adaptEmbeddingsRequest', () => {
  it('makes one string a list, strips the github_copilot/ prefix and drops stream', () => {
    expect(adaptEmbeddingsRequest({ model: 'github_copilot/text-embedding-3-small', input: 'hello', stream: true })).toEqual({
      ok: true,
      body: { model: 'text-embedding-3-small', input: ['hello'] },
    })
  })

  it('keeps a list and a bare model as they are', () => {
    expect(adaptEmbeddingsRequest({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 8 })).toEqual({
      ok: true,
      body: { model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 8 },
    })
  })
})

describe('adaptMessagesRequest', () => {
  it('drops eager_input_streaming from tools, keeping the rest', () => {
    const body: NativeMessagesRequest = {
      model: 'claude-sonnet-4.5',
      max_tokens: 64,
      messages: [],
      tools: [
        { name: 'a', input_schema: { type: 'object' }, eager_input_streaming: true },
        { name: 'b', input_schema: { type: 'object' } },
      ],
    }
    expect(adaptMessagesRequest(body)).toEqual({
      model: 'claude-sonnet-4.5',
      max_tokens: 64,
      messages: [],
      tools: [
        { name: 'a', input_schema: { type: 'object' } },
        { name: 'b', input_schema: { type: 'object' } },
      ],
    })
  })

  it('passes malformed tools on as they came, for Copilot to refuse, rather than fail on them', () => {
    for (const tools of ['x', {}, [null, 'x', 3]]) {
      const body = { model: 'claude-sonnet-4.5', max_tokens: 64, messages: [], tools } as unknown as NativeMessagesRequest
      expect(adaptMessagesRequest(body)).toEqual(body)
    }
  })
})
