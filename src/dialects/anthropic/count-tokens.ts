import type { ContentBlockParam, MessageCountTokensParams, MessageTokensCount } from '@anthropic-ai/sdk/resources/messages'
import type { TokenCounter } from './tokenizer.js'

/**
 * Tokens counted for each image, whatever its size. Images are not decoded to measure them;
 * Anthropic counts an image as about width × height / 750 tokens and scales larger ones down to
 * some 1.15 megapixels (1,568 px on the long edge), about 1,600 tokens: the most one image costs,
 * so that a client budgeting its context from this estimate does not overrun it.
 */
export const IMAGE_TOKENS = 1600
/** Tokens that frame each message in a chat prompt (its role and separators), as OpenAI counts them. */
export const MESSAGE_TOKENS = 3
/** Tokens that open the reply. */
export const REPLY_TOKENS = 3

function blockTokens(block: ContentBlockParam, counter: TokenCounter): number {
  switch (block.type) {
    case 'text':
      return counter.count(block.text)
    case 'image':
      return IMAGE_TOKENS
    case 'tool_use':
      return counter.count(block.name) + counter.count(JSON.stringify(block.input ?? {}))
    case 'tool_result':
      return typeof block.content === 'string' || block.content === undefined
        ? counter.count(block.content ?? '')
        : block.content.reduce((sum, part) => sum + blockTokens(part as ContentBlockParam, counter), 0)
    case 'document':
      if (block.source.type === 'text') return counter.count(block.source.data)
      if (block.source.type === 'content')
        return typeof block.source.content === 'string' ? counter.count(block.source.content) : block.source.content.reduce((sum, part) => sum + blockTokens(part, counter), 0)
      return 0
    case 'thinking':
    case 'redacted_thinking':
      return 0
    default:
      return counter.count(JSON.stringify(block))
  }
}

/**
 * An estimate of a request's input tokens, for `count_tokens`, with a real tokenizer (o200k_base,
 * that of the GPT models Copilot serves; a Claude model's own tokenizer counts somewhat
 * differently). Counted: the system prompt; each message's text, tool calls (name and input as
 * JSON) and tool results, plus `MESSAGE_TOKENS` of framing; each tool as its definition serialized
 * as JSON (name, description, input schema); `IMAGE_TOKENS` per image; `REPLY_TOKENS`. Not
 * counted: thinking from earlier turns (Anthropic leaves it out of the context) and PDF documents
 * (their pages are not read).
 */
export function countInputTokens(request: Pick<MessageCountTokensParams, 'messages' | 'system' | 'tools'>, counter: TokenCounter): MessageTokensCount {
  let tokens = REPLY_TOKENS
  if (typeof request.system === 'string') tokens += counter.count(request.system)
  else for (const block of request.system ?? []) tokens += counter.count(block.text)
  for (const message of request.messages) {
    tokens += MESSAGE_TOKENS
    if (typeof message.content === 'string') tokens += counter.count(message.content)
    else for (const block of message.content) tokens += blockTokens(block as ContentBlockParam, counter)
  }
  for (const tool of request.tools ?? []) {
    const definition = 'input_schema' in tool ? { name: tool.name, description: tool.description, input_schema: tool.input_schema } : tool
    tokens += counter.count(JSON.stringify(definition))
  }
  return { input_tokens: tokens }
}
