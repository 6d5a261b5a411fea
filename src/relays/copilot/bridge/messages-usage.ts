import type { MessageDeltaUsage } from '@anthropic-ai/sdk/resources/messages'
import type { UsageReader } from '../../../dialects/openai/event-relay.js'
import type { TokenUsage } from '../../../dialects/openai/usage-log.js'
import { isRecord } from '../../../upstreams/copilot/json.js'

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/** Anthropic's counts as the usage line's: the prompt is the input with what was read from or written to the cache. */
export function fromAnthropicUsage(usage: unknown): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined
  const prompt = count(usage.input_tokens) + count(usage.cache_read_input_tokens) + count(usage.cache_creation_input_tokens)
  const completion = count(usage.output_tokens)
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
}

export const usageOfMessage = (answer: unknown) => (isRecord(answer) ? fromAnthropicUsage(answer.usage) : undefined)

export const usageOfDelta = (usage: MessageDeltaUsage | undefined) => fromAnthropicUsage(usage)

const decoder = new TextDecoder()

/** The counts of an Anthropic stream are in its `message_delta` event, which is small. */
export const messagesStreamUsage: UsageReader = {
  maxEventBytes: 4096,
  read(event) {
    const text = decoder.decode(event)
    if (!/"type"\s*:\s*"message_delta"/.test(text)) return undefined
    try {
      const data = /^data: ?(.*)$/m.exec(text)?.[1] ?? ''
      return fromAnthropicUsage((JSON.parse(data) as { usage?: unknown }).usage)
    } catch {
      return undefined
    }
  },
}
