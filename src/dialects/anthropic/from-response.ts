import type { ContentBlock, Message } from '@anthropic-ai/sdk/resources/messages'
import type { Response, ResponseReasoningItem } from 'openai/resources/responses/responses'
import { type AnswerOptions, anthropicMessage, toolInput, toolUseBlock } from './message.js'
import { reasoningSignature } from './reasoning.js'
import { responsesStopReason } from './stop-reason.js'
import { responsesTokenCounts } from './usage.js'

/** The summaries of a reasoning item, as one thinking text. */
export function reasoningText(item: Pick<ResponseReasoningItem, 'summary'>): string {
  return item.summary.map((part) => part.text).join('\n\n')
}

/**
 * A reasoning item as a thinking block: its summary as the thinking, the item itself (encrypted)
 * in the signature. Without encrypted content there is nothing to hand back: the summary, if any,
 * is kept with an empty signature.
 */
function thinkingBlock(item: ResponseReasoningItem): ContentBlock | undefined {
  if (item.encrypted_content) return { type: 'thinking', thinking: reasoningText(item), signature: reasoningSignature(item.encrypted_content, item.id) }
  const text = reasoningText(item)
  return text ? { type: 'thinking', thinking: text, signature: '' } : undefined
}

/** A Responses answer as an Anthropic message: reasoning as thinking, text (refusals too), function calls as tool use. */
export function messageFromResponse(response: Response, options: AnswerOptions): Message {
  const content: ContentBlock[] = []
  let refused = false
  for (const item of response.output) {
    if (item.type === 'reasoning') {
      const block = thinkingBlock(item)
      if (block) content.push(block)
    } else if (item.type === 'function_call') {
      content.push(toolUseBlock(item.call_id, item.name, toolInput(item.name, item.arguments)))
    } else if (item.type === 'message') {
      for (const part of item.content) {
        refused ||= part.type === 'refusal'
        const text = part.type === 'output_text' ? part.text : part.refusal
        if (text) content.push({ type: 'text', text, citations: null })
      }
    }
  }
  const calledTools = content.some((block) => block.type === 'tool_use')
  const stopReason = refused ? 'refusal' : responsesStopReason(response, calledTools)
  return anthropicMessage(response.id, content, stopReason, response.usage && responsesTokenCounts(response.usage), options)
}
