import type { UsageReader } from '../../../dialects/openai/event-relay.js'
import type { TokenUsage } from '../../../dialects/openai/usage-log.js'
import { log } from '../../../platform/log.js'
import { isRecord } from '../../../upstreams/copilot/json.js'

export interface UsageLine {
  requestId: string
  /** The account's fingerprint. */
  caller: string | undefined
  model: string | undefined
}

/**
 * How a streamed answer ended: `complete` (the message finished), `failed` (Copilot or the model
 * ended it with an error), `broken` (Copilot's stream broke off or ended unfinished, and relaykit
 * ended it with an error event), `cancelled` (the caller went away first).
 */
export type StreamOutcome = 'complete' | 'failed' | 'broken' | 'cancelled'

/** How a stream ended, and for a break why (`read_failed`, `event_too_large`, `unfinished`). */
export interface StreamEnding {
  outcome: StreamOutcome
  reason?: string
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/**
 * One line per call: whose, which model, the token counts when Copilot reported them, and for a
 * stream how it ended (the counts are those seen until then); never what was said.
 */
export function logCopilotUsage({ requestId, caller, model }: UsageLine, usage: Partial<TokenUsage> | undefined, ending?: StreamEnding) {
  log('info', 'copilot_usage', {
    request_id: requestId,
    relay: 'copilot',
    caller: caller ?? null,
    model,
    prompt_tokens: count(usage?.prompt_tokens),
    completion_tokens: count(usage?.completion_tokens),
    total_tokens: count(usage?.total_tokens),
    ...(ending && { stream: true, outcome: ending.outcome, reason: ending.reason }),
  })
}

/** Chat completions and embeddings answer OpenAI's `usage` as it is. */
export const usageOfChatAnswer = (answer: unknown): TokenUsage | undefined => (isRecord(answer) && isRecord(answer.usage) ? (answer.usage as unknown as TokenUsage) : undefined)

/** The Responses API names its counts input and output tokens. */
function fromResponsesUsage(usage: unknown): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined
  return { prompt_tokens: usage.input_tokens as number, completion_tokens: usage.output_tokens as number, total_tokens: usage.total_tokens as number }
}

export const usageOfResponse = (answer: unknown) => (isRecord(answer) ? fromResponsesUsage(answer.usage) : undefined)

const decoder = new TextDecoder()
const COMPLETED = new TextEncoder().encode('event: response.completed\n')

const startsWithCompleted = (event: Uint8Array) => event.length >= COMPLETED.length && COMPLETED.every((byte, index) => event[index] === byte)

/**
 * The counts of a Responses stream are in its last event, `response.completed`, which holds the
 * whole response: every event's first bytes are looked at, only that one is decoded.
 */
export const responsesStreamUsage: UsageReader = {
  maxEventBytes: 1024 * 1024,
  read(event) {
    if (!startsWithCompleted(event)) return undefined
    const data = /^data: ?(.*)$/m.exec(decoder.decode(event))?.[1]
    try {
      const completed = JSON.parse(data ?? '') as { response?: { usage?: unknown } }
      return fromResponsesUsage(completed.response?.usage)
    } catch {
      return undefined
    }
  },
}
