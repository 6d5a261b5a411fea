import type { MessageDeltaUsage, Usage } from '@anthropic-ai/sdk/resources/messages'
import type { CompletionUsage } from 'openai/resources/completions'
import type { ResponseUsage } from 'openai/resources/responses/responses'

/** Token counts as Anthropic splits them: input excludes what was read from or written to the cache. */
export interface TokenCounts {
  input: number
  cacheRead: number
  cacheWrite: number
  output: number
}

function counts(prompt: number, cached = 0, written = 0, output = 0): TokenCounts {
  return { input: Math.max(0, prompt - cached - written), cacheRead: cached, cacheWrite: written, output }
}

export function chatTokenCounts(usage: CompletionUsage): TokenCounts {
  const details = usage.prompt_tokens_details
  return counts(usage.prompt_tokens, details?.cached_tokens, details?.cache_write_tokens, usage.completion_tokens)
}

export function responsesTokenCounts(usage: ResponseUsage): TokenCounts {
  const details = usage.input_tokens_details
  return counts(usage.input_tokens, details?.cached_tokens, details?.cache_write_tokens, usage.output_tokens)
}

const NO_TOKENS: TokenCounts = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }

/** A message's usage; fields Copilot has no counterpart for are null, as Anthropic sends them when they do not apply. */
export function messageUsage(tokens: TokenCounts = NO_TOKENS): Usage {
  return {
    input_tokens: tokens.input,
    output_tokens: tokens.output,
    cache_read_input_tokens: tokens.cacheRead,
    cache_creation_input_tokens: tokens.cacheWrite,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  }
}

/** The final usage of a stream, in `message_delta` (whole-message totals, which Anthropic's SDKs take as they are). */
export function deltaUsage(tokens: TokenCounts = NO_TOKENS): MessageDeltaUsage {
  return {
    input_tokens: tokens.input,
    output_tokens: tokens.output,
    cache_read_input_tokens: tokens.cacheRead,
    cache_creation_input_tokens: tokens.cacheWrite,
    output_tokens_details: null,
    server_tool_use: null,
  }
}
