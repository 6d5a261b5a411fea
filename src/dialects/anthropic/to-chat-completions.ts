import type { ContentBlockParam, MessageParam, ToolChoice } from '@anthropic-ai/sdk/resources/messages'
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionCreateParams,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions'
import { reasoningEffort } from './reasoning.js'
import { customTools, joinedText, type MessagesRequest, type PlainPart, plainParts, systemText, type TargetModel, toolResultParts, upstreamUser } from './request-content.js'
import { UntranslatableRequest } from './untranslatable.js'

function contentParts(parts: readonly PlainPart[]): ChatCompletionContentPart[] {
  return parts.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: part.url } }))
}

/** User content as a plain string when it is only text (what every model takes), else as parts. */
function userContent(parts: readonly PlainPart[]): string | ChatCompletionContentPart[] {
  return parts.every((part) => part.type === 'text') ? joinedText(parts) : contentParts(parts)
}

/**
 * A user turn: each tool result becomes a `tool` message (they must follow the assistant's tool
 * calls directly), then one user message with the rest. A tool message holds only text, so a
 * result's images go in that user message, before the user's own content.
 */
function userMessages(blocks: ContentBlockParam[]): ChatCompletionMessageParam[] {
  const toolMessages: ChatCompletionMessageParam[] = []
  const resultImages: PlainPart[] = []
  const rest: ContentBlockParam[] = []
  for (const block of blocks) {
    if (block.type !== 'tool_result') {
      rest.push(block)
      continue
    }
    const parts = toolResultParts(block)
    toolMessages.push({ role: 'tool', tool_call_id: block.tool_use_id, content: joinedText(parts) })
    resultImages.push(...parts.filter((part) => part.type === 'image'))
  }
  const parts = [...resultImages, ...plainParts(rest)]
  return parts.length === 0 ? toolMessages : [...toolMessages, { role: 'user', content: userContent(parts) }]
}

/**
 * An assistant turn: its text and its tool calls. Thinking has no place in Chat Completions, and
 * is dropped rather than turned into text the model would read as its own earlier answer.
 */
function assistantMessage(blocks: ContentBlockParam[]): ChatCompletionAssistantMessageParam {
  const texts: string[] = []
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = []
  for (const block of blocks) {
    if (block.type === 'text') texts.push(block.text)
    else if (block.type === 'tool_use') toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } })
    else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') throw new UntranslatableRequest(`Content of type ${block.type} cannot be sent to this model.`)
  }
  const content = texts.join('\n\n')
  return { role: 'assistant', content: content || null, ...(toolCalls.length > 0 && { tool_calls: toolCalls }) }
}

function chatMessages(message: MessageParam): ChatCompletionMessageParam[] {
  if (message.role === 'system') return [{ role: 'system', content: systemText(message.content) ?? '' }]
  const blocks: ContentBlockParam[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content
  return message.role === 'user' ? userMessages(blocks) : [assistantMessage(blocks)]
}

function chatToolChoice(choice: ToolChoice): ChatCompletionToolChoiceOption {
  switch (choice.type) {
    case 'auto':
      return 'auto'
    case 'any':
      return 'required'
    case 'none':
      return 'none'
    case 'tool':
      return { type: 'function', function: { name: choice.name } }
  }
}

/**
 * An Anthropic Messages request as a Chat Completions request for `model`. Fields with no meaning
 * for the target (`cache_control`, `defer_loading`, `eager_input_streaming`, `context_management`,
 * `top_k`, thinking display, service tiers) are left out. `stop_sequences` are not sent: Chat
 * Completions would stop on them without saying which matched, so the answer translators apply
 * them and report `stop_sequence` as Anthropic does.
 */
export function toChatCompletionsRequest(request: MessagesRequest, model: TargetModel): ChatCompletionCreateParams {
  const system = systemText(request.system)
  const tools = customTools(request.tools)
  const effort = model.reasoning ? reasoningEffort(request) : undefined
  const user = upstreamUser(request.metadata)
  const parallel = request.tool_choice && 'disable_parallel_tool_use' in request.tool_choice ? request.tool_choice.disable_parallel_tool_use : undefined
  return {
    model: model.id,
    messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...request.messages.flatMap(chatMessages)],
    // OpenAI's reasoning models refuse `max_tokens`; other models on Copilot may know only it.
    ...(model.reasoning ? { max_completion_tokens: request.max_tokens } : { max_tokens: request.max_tokens }),
    ...(request.stream && { stream: true, stream_options: { include_usage: true } }),
    ...(!model.reasoning && request.temperature !== undefined && { temperature: request.temperature }),
    ...(!model.reasoning && request.top_p !== undefined && { top_p: request.top_p }),
    ...(effort && { reasoning_effort: effort }),
    ...(tools.length > 0 && {
      tools: tools.map((tool) => ({
        type: 'function' as const,
        function: {
          name: tool.name,
          parameters: tool.input_schema,
          ...(tool.description && { description: tool.description }),
          ...(tool.strict !== undefined && { strict: tool.strict }),
        },
      })),
      ...(request.tool_choice && { tool_choice: chatToolChoice(request.tool_choice) }),
      ...(parallel && { parallel_tool_calls: false }),
    }),
    ...(user && { user }),
  }
}
