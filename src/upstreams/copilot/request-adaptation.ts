import type { NativeMessagesRequest } from '../../dialects/anthropic/request-content.js'
import type { JsonObject } from './json.js'
import type { CopilotProblem } from './problem.js'

/** A request made fit for Copilot, or why Copilot cannot serve it at all. */
export type Adapted = { ok: true; body: JsonObject } | { ok: false; problem: CopilotProblem }

/** The reasoning models (o1, o3, o4-mini, …) and the GPT-5 family take only `max_completion_tokens`. */
const TAKES_ONLY_MAX_COMPLETION_TOKENS = /^(?:o\d+|gpt-5)(?:$|[-.])/i

/** Whether the model is one of OpenAI's reasoning models, which refuse `max_tokens` and sampling parameters. */
export const isOpenAIReasoningModel = (model: string) => TAKES_ONLY_MAX_COMPLETION_TOKENS.test(model)

/** Chat completions: `max_tokens` becomes `max_completion_tokens` for the models that refuse it. */
export function adaptChatRequest(body: JsonObject): Adapted {
  if (body.max_tokens === undefined || typeof body.model !== 'string' || !isOpenAIReasoningModel(body.model)) return { ok: true, body }
  const { max_tokens: maxTokens, ...rest } = body
  return { ok: true, body: { ...rest, max_completion_tokens: rest.max_completion_tokens ?? maxTokens } }
}

/**
 * Responses: Copilot keeps no responses, so a request that continues a stored one cannot be
 * served; it knows no service tiers, so a tier is dropped.
 */
export function adaptResponsesRequest(body: JsonObject): Adapted {
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    return {
      ok: false,
      problem: {
        status: 400,
        code: 'copilot_unsupported_parameter',
        message: 'Copilot keeps no responses, so previous_response_id cannot continue one: send the whole conversation in input instead (with store: false).',
      },
    }
  }
  const { service_tier: _serviceTier, ...rest } = body
  return { ok: true, body: rest }
}

const MODEL_PREFIX = 'github_copilot/'

/** Embeddings: one string becomes a one-item list, a `github_copilot/` model prefix goes, and so does `stream`. */
export function adaptEmbeddingsRequest(body: JsonObject): Adapted {
  const { stream: _stream, ...rest } = body
  const model = typeof rest.model === 'string' && rest.model.startsWith(MODEL_PREFIX) ? rest.model.slice(MODEL_PREFIX.length) : rest.model
  const input = typeof rest.input === 'string' ? [rest.input] : rest.input
  return { ok: true, body: { ...rest, model, input } }
}

type NativeTool = NonNullable<NativeMessagesRequest['tools']>[number]

function withoutEagerInputStreaming(tool: NativeTool): NativeTool {
  // The body is checked as an envelope only: a tool may be anything, and Copilot says what is wrong with it.
  if (typeof tool !== 'object' || tool === null || !('eager_input_streaming' in tool)) return tool
  const { eager_input_streaming: _eager, ...rest } = tool
  return rest
}

/** Anthropic Messages, for Copilot's native endpoint: it refuses the newer `eager_input_streaming` tool field. */
export function adaptMessagesRequest(body: NativeMessagesRequest): NativeMessagesRequest {
  return Array.isArray(body.tools) ? { ...body, tools: body.tools.map(withoutEagerInputStreaming) } : body
}
