import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages'
import type { ReasoningEffort } from 'openai/resources/shared'

/** Thinking budgets up to these many tokens read as a low, then a medium effort; larger ones as high. */
const LOW_EFFORT_BUDGET = 4096
const MEDIUM_EFFORT_BUDGET = 16384

/**
 * The OpenAI reasoning effort an Anthropic request asks for: `output_config.effort` when set, else
 * one read from the thinking budget; none when thinking is off or not asked for (the model's default).
 */
export function reasoningEffort(request: Pick<MessageCreateParamsBase, 'thinking' | 'output_config'>): NonNullable<ReasoningEffort> | undefined {
  const effort = request.output_config?.effort
  if (effort) return effort
  const thinking = request.thinking
  if (thinking?.type === 'adaptive') return 'medium'
  if (thinking?.type !== 'enabled') return undefined
  if (thinking.budget_tokens <= LOW_EFFORT_BUDGET) return 'low'
  return thinking.budget_tokens <= MEDIUM_EFFORT_BUDGET ? 'medium' : 'high'
}

/** Whether the client wants to see the model's thinking as text (Claude Code asks for it omitted). */
export function thinkingShown(request: Pick<MessageCreateParamsBase, 'thinking'>): boolean {
  const thinking = request.thinking
  return (thinking?.type === 'enabled' || thinking?.type === 'adaptive') && thinking.display !== 'omitted'
}

/**
 * A Responses reasoning item travels through an Anthropic client as a thinking block's signature:
 * its encrypted content and its id, joined by `@` (which base64 and item ids never hold), so the
 * next request can hand the item back and the model keeps its reasoning across tool calls.
 */
export function reasoningSignature(encryptedContent: string, itemId: string): string {
  return `${encryptedContent}@${itemId}`
}

/** The reasoning item a signature carries, or undefined for a signature relaykit did not make (a Claude model's). */
export function reasoningFromSignature(signature: string): { encryptedContent: string; id: string } | undefined {
  const at = signature.lastIndexOf('@')
  if (at <= 0 || at === signature.length - 1) return undefined
  return { encryptedContent: signature.slice(0, at), id: signature.slice(at + 1) }
}
