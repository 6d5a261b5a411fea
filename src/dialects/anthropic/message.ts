import type { ContentBlock, Message, StopReason, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages'
import { cutAtStopSequence } from './stop-sequences.js'
import { UnreadableUpstreamAnswer } from './untranslatable.js'
import { messageUsage, type TokenCounts } from './usage.js'

/** What the answer translators need besides the upstream answer. */
export interface AnswerOptions {
  /** The model the client asked for, which Anthropic echoes in its answers. */
  model: string
  /** The request's `stop_sequences`, which relaykit applies (see StopSequenceMatcher). */
  stopSequences?: readonly string[]
}

/** A tool call's arguments as its input; no arguments at all are an empty input. */
export function toolInput(name: string, args: string): unknown {
  if (args.trim() === '') return {}
  try {
    return JSON.parse(args)
  } catch {
    throw new UnreadableUpstreamAnswer(`The model called the tool ${name} with arguments that are not JSON.`)
  }
}

export function toolUseBlock(id: string, name: string, input: unknown): ToolUseBlock {
  return { type: 'tool_use', id, name, input, caller: { type: 'direct' } }
}

/**
 * The content up to the first stop sequence in its text: the text is cut before it and what
 * follows is dropped, as a model stopped there would not have written it.
 */
function stoppedContent(content: ContentBlock[], sequences: readonly string[]): { content: ContentBlock[]; matched?: string } {
  for (const [index, block] of content.entries()) {
    if (block.type !== 'text') continue
    const cut = cutAtStopSequence(block.text, sequences)
    if (cut.matched === undefined) continue
    const kept = content.slice(0, index)
    if (cut.text) kept.push({ ...block, text: cut.text })
    return { content: kept, matched: cut.matched }
  }
  return { content }
}

/** An Anthropic message; a stop sequence found in its text overrides the upstream's stop reason. */
export function anthropicMessage(id: string, content: ContentBlock[], stopReason: StopReason, tokens: TokenCounts | undefined, options: AnswerOptions): Message {
  const stopped = stoppedContent(content, options.stopSequences ?? [])
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content: stopped.content,
    stop_reason: stopped.matched === undefined ? stopReason : 'stop_sequence',
    stop_sequence: stopped.matched ?? null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: messageUsage(tokens),
  }
}
