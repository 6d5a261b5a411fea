import type { MessageCreateParamsBase as BetaMessageCreateParamsBase } from '@anthropic-ai/sdk/resources/beta/messages/messages'
import type { CacheControlEphemeral, ContentBlockParam, MessageCreateParamsBase, TextBlockParam } from '@anthropic-ai/sdk/resources/messages'
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions'
import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses'
import type { Fields } from './sdk-fields.js'

// The fields relaykit may send each Copilot API a Messages request goes to, each held by the
// typecheck to the official SDK's request type: `@anthropic-ai/sdk`'s for Copilot's own
// Messages endpoint, `openai`'s for Chat Completions and the Responses API.

const cacheControl: Fields<CacheControlEphemeral> = { type: true, ttl: true }

const textBlock: Fields<TextBlockParam> = { type: true, text: true, cache_control: cacheControl, citations: true }

const contentBlock: Fields<ContentBlockParam> = {
  ...textBlock,
  source: true,
  id: true,
  name: true,
  input: true,
  tool_use_id: true,
  is_error: true,
  content: { ...textBlock, source: true },
  thinking: true,
  signature: true,
  data: true,
}

/**
 * Anthropic's Messages API without beta features. `eager_input_streaming` is one of the SDK's
 * tool fields, but Copilot's endpoint refuses it, so it is left out.
 */
export const messagesFields: Fields<MessageCreateParamsBase> = {
  model: true,
  max_tokens: true,
  stream: true,
  messages: { role: true, content: contentBlock },
  system: textBlock,
  tools: { type: true, name: true, description: true, input_schema: true, cache_control: cacheControl, defer_loading: true, strict: true },
  tool_choice: { type: true, name: true, disable_parallel_tool_use: true },
  metadata: { user_id: true },
  thinking: { type: true, budget_tokens: true, display: true },
  stop_sequences: true,
}

/** With `anthropic-beta`, as Claude Code sends it: the beta API's fields too (the beta list itself is the header). */
export const betaMessagesFields: Fields<Omit<BetaMessageCreateParamsBase, 'betas'>> = {
  ...messagesFields,
  context_management: { edits: { type: true, keep: true, trigger: true, clear_at_least: true, clear_tool_inputs: true, exclude_tools: true } },
}

export const chatCompletionsFields: Fields<ChatCompletionCreateParamsBase> = {
  model: true,
  messages: {
    role: true,
    content: { type: true, text: true, image_url: { url: true, detail: true } },
    tool_calls: { id: true, type: true, function: { name: true, arguments: true } },
    tool_call_id: true,
  },
  max_tokens: true,
  max_completion_tokens: true,
  stream: true,
  stream_options: { include_usage: true },
  temperature: true,
  top_p: true,
  reasoning_effort: true,
  tools: { type: true, function: { name: true, description: true, parameters: true, strict: true } },
  tool_choice: { type: true, function: { name: true } },
  parallel_tool_calls: true,
  user: true,
}

export const responsesFields: Fields<ResponseCreateParamsBase> = {
  model: true,
  instructions: true,
  input: {
    type: true,
    role: true,
    content: { type: true, text: true, image_url: true, detail: true },
    call_id: true,
    name: true,
    arguments: true,
    output: { type: true, text: true, image_url: true, detail: true },
    id: true,
    encrypted_content: true,
    summary: { type: true, text: true },
  },
  max_output_tokens: true,
  store: true,
  stream: true,
  temperature: true,
  top_p: true,
  reasoning: { effort: true, summary: true },
  include: true,
  tools: { type: true, name: true, description: true, parameters: true, strict: true },
  tool_choice: { type: true, name: true },
  parallel_tool_calls: true,
  user: true,
}
