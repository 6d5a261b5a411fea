import { log } from '../../platform/log.js'

/** OpenAI's token counts for one answer. */
export interface TokenUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

export interface UsageContext {
  requestId: string
  relay: string
  /** The caller's fingerprint (a credential or a verified user), never who they are in clear. */
  caller: string | undefined
  model: string
}

/** One JSON line per answered chat with its token counts: what each caller spends, never what they said. */
export function logUsage({ requestId, relay, caller, model }: UsageContext, usage: TokenUsage) {
  log('info', 'openai_usage', {
    request_id: requestId,
    relay,
    caller: caller ?? null,
    model,
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
  })
}
