import type { ContentBlock, Message } from '@anthropic-ai/sdk/resources/messages'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import { type AnswerOptions, anthropicMessage, toolInput, toolUseBlock } from './message.js'
import { chatStopReason } from './stop-reason.js'
import { chatTokenCounts } from './usage.js'

/**
 * A Chat Completion as an Anthropic message: the text and tool calls of every choice, in order
 * (Copilot can answer text in one choice and a tool call in another), the stop reason over all
 * choices, and usage with cached input apart.
 */
export function messageFromChatCompletion(completion: ChatCompletion, options: AnswerOptions): Message {
  const content: ContentBlock[] = []
  for (const { message } of completion.choices) {
    if (message.content) content.push({ type: 'text', text: message.content, citations: null })
    for (const call of message.tool_calls ?? []) {
      if (call.type === 'function') content.push(toolUseBlock(call.id, call.function.name, toolInput(call.function.name, call.function.arguments)))
    }
  }
  const calledTools = content.some((block) => block.type === 'tool_use')
  const stopReason = chatStopReason(
    completion.choices.map((choice) => choice.finish_reason),
    calledTools,
  )
  return anthropicMessage(completion.id, content, stopReason, completion.usage && chatTokenCounts(completion.usage), options)
}
