import Anthropic from '@anthropic-ai/sdk'
import { describe, expect, it } from 'vitest'
import { ChatCompletionsStreamTranslator } from './chat-stream.js'
import chatPlainTextExpected from './fixtures/chat-plain-text.anthropic.sse?raw'
import chatPlainTextUpstream from './fixtures/chat-plain-text.upstream.sse?raw'
import chatToolCallExpected from './fixtures/chat-tool-call.anthropic.sse?raw'
import chatToolCallUpstream from './fixtures/chat-tool-call.upstream.sse?raw'
import chatSplitChoicesExpected from './fixtures/chat-split-choices.anthropic.sse?raw'
import chatSplitChoicesUpstream from './fixtures/chat-split-choices.upstream.sse?raw'
import chatParallelToolsExpected from './fixtures/chat-parallel-tools.anthropic.sse?raw'
import chatParallelToolsUpstream from './fixtures/chat-parallel-tools.upstream.sse?raw'
import chatUsageOnlyExpected from './fixtures/chat-usage-only.anthropic.sse?raw'
import chatUsageOnlyUpstream from './fixtures/chat-usage-only.upstream.sse?raw'
import chatCutExpected from './fixtures/chat-cut.anthropic.sse?raw'
import chatCutUpstream from './fixtures/chat-cut.upstream.sse?raw'
import chatErrorExpected from './fixtures/chat-error.anthropic.sse?raw'
import chatErrorUpstream from './fixtures/chat-error.upstream.sse?raw'
import chatRunawayWhitespaceExpected from './fixtures/chat-runaway-whitespace.anthropic.sse?raw'
import chatRunawayWhitespaceUpstream from './fixtures/chat-runaway-whitespace.upstream.sse?raw'
import responsesPlainTextExpected from './fixtures/responses-plain-text.anthropic.sse?raw'
import responsesPlainTextUpstream from './fixtures/responses-plain-text.upstream.sse?raw'
import responsesToolCallExpected from './fixtures/responses-tool-call.anthropic.sse?raw'
import responsesToolCallUpstream from './fixtures/responses-tool-call.upstream.sse?raw'
import responsesThinkingExpected from './fixtures/responses-thinking.anthropic.sse?raw'
import responsesThinkingUpstream from './fixtures/responses-thinking.upstream.sse?raw'
import responsesErrorExpected from './fixtures/responses-error.anthropic.sse?raw'
import responsesErrorUpstream from './fixtures/responses-error.upstream.sse?raw'
import responsesCutExpected from './fixtures/responses-cut.anthropic.sse?raw'
import responsesCutUpstream from './fixtures/responses-cut.upstream.sse?raw'
import { ResponsesStreamTranslator } from './responses-stream.js'
import { anthropicEventStream } from './sse-stream.js'

/** Each golden case: Copilot's stream as it came, and exactly the Anthropic stream relaykit must send for it. */
const cases: Array<[name: string, upstream: string, expected: string]> = [
  ['chat-plain-text', chatPlainTextUpstream, chatPlainTextExpected],
  ['chat-tool-call', chatToolCallUpstream, chatToolCallExpected],
  ['chat-split-choices', chatSplitChoicesUpstream, chatSplitChoicesExpected],
  ['chat-parallel-tools', chatParallelToolsUpstream, chatParallelToolsExpected],
  ['chat-usage-only', chatUsageOnlyUpstream, chatUsageOnlyExpected],
  ['chat-cut', chatCutUpstream, chatCutExpected],
  ['chat-error', chatErrorUpstream, chatErrorExpected],
  ['chat-runaway-whitespace', chatRunawayWhitespaceUpstream, chatRunawayWhitespaceExpected],
  ['responses-plain-text', responsesPlainTextUpstream, responsesPlainTextExpected],
  ['responses-tool-call', responsesToolCallUpstream, responsesToolCallExpected],
  ['responses-thinking', responsesThinkingUpstream, responsesThinkingExpected],
  ['responses-error', responsesErrorUpstream, responsesErrorExpected],
  ['responses-cut', responsesCutUpstream, responsesCutExpected],
]

const options = { model: 'claude-sonnet-4-5' }

function translatorFor(name: string) {
  return name.startsWith('chat') ? new ChatCompletionsStreamTranslator(options) : new ResponsesStreamTranslator(options)
}

/** The upstream body in pieces of `size` bytes, so events arrive split at arbitrary places. */
function upstreamBody(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + size))
      offset += size
    },
  })
}

async function translated(name: string, upstream: string, size: number): Promise<string> {
  return new Response(anthropicEventStream(upstreamBody(upstream, size), translatorFor(name) as ChatCompletionsStreamTranslator)).text()
}

describe('golden streams', () => {
  it.each(cases)('%s, whole', async (name, upstream, expected) => {
    expect(await translated(name, upstream, upstream.length)).toBe(expected)
  })

  it.each(cases)('%s, in 7-byte pieces', async (name, upstream, expected) => {
    expect(await translated(name, upstream, 7)).toBe(expected)
  })
})

/** The official SDK reading relaykit's stream, as a client pointed at relaykit would. */
function sdkReading(body: string): Anthropic {
  return new Anthropic({ apiKey: 'test', fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }) })
}

const request = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Hi' }] }

describe("the official SDK's reading of the golden streams", () => {
  it('assembles text and tool calls from separate choices into one message', async () => {
    const message = await sdkReading(chatSplitChoicesExpected).messages.stream(request).finalMessage()
    expect(message.content).toMatchObject([
      { type: 'text', text: 'Let me read the file.' },
      { type: 'tool_use', id: 'call_Read2', name: 'Read', input: { file_path: 'README.md' } },
    ])
    expect(message.stop_reason).toBe('tool_use')
    expect(message.usage).toMatchObject({ input_tokens: 44, output_tokens: 9, cache_read_input_tokens: 768 })
  })

  it('assembles thinking with its signature, apart from the answer text', async () => {
    const message = await sdkReading(responsesThinkingExpected).messages.stream(request).finalMessage()
    expect(message.content).toMatchObject([
      { type: 'thinking', thinking: '**Planning** Read the file first.\n\nThen answer.', signature: 'gAAAAABpQ2x5ZW5jcnlwdGVk@rs_9c1' },
      { type: 'text', text: 'Done.' },
    ])
  })

  it('raises the error of a stream cut short or failed upstream, never a finished answer', async () => {
    await expect(sdkReading(chatCutExpected).messages.stream(request).finalMessage()).rejects.toThrow(/ended before it was complete/)
    await expect(sdkReading(chatErrorExpected).messages.stream(request).finalMessage()).rejects.toMatchObject({ type: 'rate_limit_error' })
  })
})
