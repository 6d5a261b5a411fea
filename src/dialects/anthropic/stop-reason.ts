import type { StopReason } from '@anthropic-ai/sdk/resources/messages'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import type { Response } from 'openai/resources/responses/responses'

type FinishReason = ChatCompletion.Choice['finish_reason']

/**
 * One stop reason for the finish reasons of every choice (Copilot can put text in one and a tool
 * call in another). Running out of tokens wins, as Anthropic reports `max_tokens` even mid-call;
 * then a tool call, whichever choice it came in; a content filter is Anthropic's `refusal`.
 */
export function chatStopReason(finishReasons: readonly FinishReason[], calledTools: boolean): StopReason {
  if (finishReasons.includes('length')) return 'max_tokens'
  if (calledTools || finishReasons.includes('tool_calls') || finishReasons.includes('function_call')) return 'tool_use'
  if (finishReasons.includes('content_filter')) return 'refusal'
  return 'end_turn'
}

/** The stop reason of a finished Responses answer, from its status and whether it called a tool. */
export function responsesStopReason(response: Pick<Response, 'status' | 'incomplete_details'>, calledTools: boolean): StopReason {
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason
    if (reason === 'max_output_tokens') return 'max_tokens'
    if (reason === 'content_filter') return 'refusal'
  }
  return calledTools ? 'tool_use' : 'end_turn'
}
