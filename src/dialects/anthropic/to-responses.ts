import type { ContentBlockParam, MessageParam, ToolChoice } from '@anthropic-ai/sdk/resources/messages'
import type {
  ResponseCreateParams,
  ResponseFunctionCallOutputItemList,
  ResponseInputItem,
  ResponseInputMessageContentList,
  ToolChoiceFunction,
  ToolChoiceOptions,
} from 'openai/resources/responses/responses'
import { reasoningEffort, reasoningFromSignature, thinkingShown } from './reasoning.js'
import { customTools, type MessagesRequest, type PlainPart, plainParts, systemText, type TargetModel, toolResultParts, upstreamUser } from './request-content.js'
import { UntranslatableRequest } from './untranslatable.js'

/** The Responses API refuses a smaller `max_output_tokens`. */
const MIN_OUTPUT_TOKENS = 16

function inputContent(parts: readonly PlainPart[]): ResponseInputMessageContentList {
  return parts.map((part) => (part.type === 'text' ? { type: 'input_text', text: part.text } : { type: 'input_image', image_url: part.url, detail: 'auto' }))
}

/** A tool's output: its text alone as a string, or text and images as a list (the Responses API takes both). */
function functionOutput(parts: readonly PlainPart[]): string | ResponseFunctionCallOutputItemList {
  if (parts.every((part) => part.type === 'text')) return parts.map((part) => part.text).join('\n\n')
  return inputContent(parts) as ResponseFunctionCallOutputItemList
}

function userItems(blocks: ContentBlockParam[]): ResponseInputItem[] {
  const items: ResponseInputItem[] = []
  let pending: ContentBlockParam[] = []
  const flush = () => {
    if (pending.length > 0) items.push({ type: 'message', role: 'user', content: inputContent(plainParts(pending)) })
    pending = []
  }
  for (const block of blocks) {
    if (block.type !== 'tool_result') {
      pending.push(block)
      continue
    }
    flush()
    items.push({ type: 'function_call_output', call_id: block.tool_use_id, output: functionOutput(toolResultParts(block)) })
  }
  flush()
  return items
}

/**
 * An assistant turn as output items, in order. A thinking block whose signature carries a
 * reasoning item goes back as that item, so the model keeps its reasoning; other thinking (a
 * Claude model's, or redacted) cannot be read by this model and is dropped, never made text.
 */
function assistantItems(blocks: ContentBlockParam[]): ResponseInputItem[] {
  const items: ResponseInputItem[] = []
  let texts: string[] = []
  const flush = () => {
    if (texts.length > 0) items.push({ type: 'message', role: 'assistant', content: texts.join('\n\n') })
    texts = []
  }
  for (const block of blocks) {
    if (block.type === 'text') {
      texts.push(block.text)
      continue
    }
    flush()
    if (block.type === 'tool_use') {
      items.push({ type: 'function_call', call_id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) })
    } else if (block.type === 'thinking') {
      const reasoning = reasoningFromSignature(block.signature)
      if (reasoning) {
        const summary = block.thinking ? [{ type: 'summary_text' as const, text: block.thinking }] : []
        items.push({ type: 'reasoning', id: reasoning.id, encrypted_content: reasoning.encryptedContent, summary })
      }
    } else if (block.type !== 'redacted_thinking') {
      throw new UntranslatableRequest(`Content of type ${block.type} cannot be sent to this model.`)
    }
  }
  flush()
  return items
}

function inputItems(message: MessageParam): ResponseInputItem[] {
  if (message.role === 'system') return [{ type: 'message', role: 'system', content: systemText(message.content) ?? '' }]
  const blocks: ContentBlockParam[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content
  return message.role === 'user' ? userItems(blocks) : assistantItems(blocks)
}

function responsesToolChoice(choice: ToolChoice): ToolChoiceOptions | ToolChoiceFunction {
  switch (choice.type) {
    case 'auto':
      return 'auto'
    case 'any':
      return 'required'
    case 'none':
      return 'none'
    case 'tool':
      return { type: 'function', name: choice.name }
  }
}

/**
 * An Anthropic Messages request as a Responses request for `model`. Nothing is stored upstream
 * (`store: false`), so reasoning travels in the request: when the client asks for thinking from a
 * reasoning model, its encrypted content is requested and comes back in thinking signatures, and
 * summaries only when the client wants thinking shown. As for Chat Completions, fields with no
 * meaning upstream are left out, and `stop_sequences` (which the Responses API lacks) are applied
 * by the answer translators.
 */
export function toResponsesRequest(request: MessagesRequest, model: TargetModel): ResponseCreateParams {
  const tools = customTools(request.tools)
  const effort = model.reasoning ? reasoningEffort(request) : undefined
  const user = upstreamUser(request.metadata)
  const instructions = systemText(request.system)
  const parallel = request.tool_choice && 'disable_parallel_tool_use' in request.tool_choice ? request.tool_choice.disable_parallel_tool_use : undefined
  return {
    model: model.id,
    ...(instructions && { instructions }),
    input: request.messages.flatMap(inputItems),
    max_output_tokens: Math.max(request.max_tokens, MIN_OUTPUT_TOKENS),
    store: false,
    ...(request.stream && { stream: true }),
    ...(!model.reasoning && request.temperature !== undefined && { temperature: request.temperature }),
    ...(!model.reasoning && request.top_p !== undefined && { top_p: request.top_p }),
    ...(effort && {
      reasoning: { effort, ...(thinkingShown(request) && { summary: 'auto' as const }) },
      include: ['reasoning.encrypted_content' as const],
    }),
    ...(tools.length > 0 && {
      tools: tools.map((tool) => ({
        type: 'function' as const,
        name: tool.name,
        parameters: tool.input_schema,
        strict: tool.strict ?? false,
        ...(tool.description && { description: tool.description }),
      })),
      ...(request.tool_choice && { tool_choice: responsesToolChoice(request.tool_choice) }),
      ...(parallel && { parallel_tool_calls: false }),
    }),
    ...(user && { user }),
  }
}
