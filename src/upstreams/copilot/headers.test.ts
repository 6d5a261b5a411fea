import { describe, expect, it } from 'vitest'
import { COPILOT_CHAT_VERSION, copilotHeaders, EDITOR_VERSION, githubHeaders } from './headers.js'
import { holdsImage, initiatorOf } from './request-traits.js'

describe('copilotHeaders', () => {
  it("sends the Copilot editor's headers with the Copilot token and nothing else", () => {
    const headers = Object.fromEntries(copilotHeaders({ copilotToken: 'tid=1;exp=2:sig', initiator: 'user' }))
    expect(headers).toEqual({
      authorization: 'Bearer tid=1;exp=2:sig',
      'content-type': 'application/json',
      'copilot-integration-id': 'vscode-chat',
      'editor-version': EDITOR_VERSION,
      'editor-plugin-version': `copilot-chat/${COPILOT_CHAT_VERSION}`,
      'user-agent': `GitHubCopilotChat/${COPILOT_CHAT_VERSION}`,
      'openai-intent': 'conversation-panel',
      'x-github-api-version': '2025-04-01',
      'x-vscode-user-agent-library-version': 'electron-fetch',
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'x-initiator': 'user',
    })
  })

  it('gives every call its own request id', () => {
    const ids = new Set(Array.from({ length: 5 }, () => copilotHeaders({ copilotToken: 't' }).get('x-request-id')))
    expect(ids.size).toBe(5)
  })

  it('asks for vision only when told the request holds an image', () => {
    expect(copilotHeaders({ copilotToken: 't', vision: true }).get('copilot-vision-request')).toBe('true')
    expect(copilotHeaders({ copilotToken: 't', vision: false }).has('copilot-vision-request')).toBe(false)
    expect(copilotHeaders({ copilotToken: 't' }).has('x-initiator')).toBe(false)
  })
})

describe('githubHeaders', () => {
  it('sends the GitHub token with the token scheme, and no authorization without one', () => {
    expect(githubHeaders('ghu_x').get('authorization')).toBe('token ghu_x')
    expect(githubHeaders().has('authorization')).toBe(false)
    expect(githubHeaders().get('user-agent')).toBe(`GitHubCopilotChat/${COPILOT_CHAT_VERSION}`)
  })
})

describe('initiatorOf', () => {
  it('is the user when a person wrote the last chat message', () => {
    expect(
      initiatorOf('chat', {
        messages: [
          { role: 'system', content: 's' },
          { role: 'user', content: 'hi' },
        ],
      }),
    ).toBe('user')
    expect(
      initiatorOf('chat', {
        messages: [
          { role: 'assistant', content: 'a' },
          { role: 'user', content: 'and?' },
        ],
      }),
    ).toBe('user')
    expect(initiatorOf('chat', { messages: [] })).toBe('user')
    expect(initiatorOf('chat', {})).toBe('user')
  })

  it("is the agent when the last chat message is the assistant's or a tool's", () => {
    expect(
      initiatorOf('chat', {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: null, tool_calls: [] },
        ],
      }),
    ).toBe('agent')
    expect(
      initiatorOf('chat', {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'tool', tool_call_id: 'c', content: '42' },
        ],
      }),
    ).toBe('agent')
  })

  it('reads the last Responses input item: a tool output, a call or an assistant message is the agent', () => {
    expect(initiatorOf('responses', { input: 'hi' })).toBe('user')
    expect(
      initiatorOf('responses', {
        input: [
          { role: 'developer', content: 'd' },
          { role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        ],
      }),
    ).toBe('user')
    expect(
      initiatorOf('responses', {
        input: [
          { type: 'message', role: 'user', content: 'hi' },
          { type: 'function_call_output', call_id: 'c', output: '42' },
        ],
      }),
    ).toBe('agent')
    expect(initiatorOf('responses', { input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }] })).toBe('agent')
    expect(initiatorOf('responses', { input: [{ role: 'assistant', content: 'done' }] })).toBe('agent')
  })

  it('counts an Anthropic user turn of tool results only as the agent', () => {
    expect(initiatorOf('messages', { messages: [{ role: 'user', content: 'hi' }] })).toBe('user')
    expect(initiatorOf('messages', { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: '42' }] }] })).toBe('agent')
    expect(
      initiatorOf('messages', {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 't', content: '42' },
              { type: 'text', text: 'now this' },
            ],
          },
        ],
      }),
    ).toBe('user')
  })
})

describe('holdsImage', () => {
  it('finds chat image_url parts', () => {
    expect(holdsImage('chat', { messages: [{ role: 'user', content: 'no image' }] })).toBe(false)
    expect(
      holdsImage('chat', {
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] },
          { role: 'assistant', content: 'seen' },
        ],
      }),
    ).toBe(true)
  })

  it('finds Responses input_image parts, also inside a tool output', () => {
    expect(holdsImage('responses', { input: 'text' })).toBe(false)
    expect(holdsImage('responses', { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x/y.png', detail: 'auto' }] }] })).toBe(true)
    expect(holdsImage('responses', { input: [{ type: 'function_call_output', call_id: 'c', output: [{ type: 'input_image', image_url: 'data:image/png;base64,AA' }] }] })).toBe(
      true,
    )
  })

  it('does not take a text that mentions an image for one', () => {
    expect(holdsImage('chat', { messages: [{ role: 'user', content: [{ type: 'text', text: 'image_url input_image' }] }] })).toBe(false)
    expect(holdsImage('responses', { input: [{ role: 'user', content: [{ type: 'input_text', text: 'input_image' }] }] })).toBe(false)
  })

  it('finds Anthropic image blocks, also inside a tool result', () => {
    expect(holdsImage('messages', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } }] }] })).toBe(true)
    expect(
      holdsImage('messages', {
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'image', source: { type: 'url', url: 'https://x' } }] }] }],
      }),
    ).toBe(true)
  })
})
