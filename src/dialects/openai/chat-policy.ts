import type { ChatCompletionRequest } from './contract/chat-completion.js'
import { RelayError } from '../../platform/relay-error.js'
import type { SettingsReader } from '../../platform/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    /** Comma-separated models callers may name; the first is used when a request names none. */
    OPENAI_MODELS?: string
    /** The most completion tokens one request may ask for; larger asks are capped. */
    OPENAI_MAX_TOKENS?: string
    /** The temperature sent when a request gives none. */
    OPENAI_TEMPERATURE?: string
  }
}

/** What the deployment allows a chat to ask of OpenAI. */
export interface ChatPolicy {
  /** The models callers may name; the first is used when they name none. */
  models: [string, ...string[]]
  maxTokens: number
  defaultTemperature: number
}

/** What relaykit sends to OpenAI for one chat, and what the caller should be told. */
export interface PolicedChat {
  upstreamBody: Record<string, unknown>
  stream: boolean
  /** Whether the caller asked for the usage chunk of a stream (relaykit always asks for it). */
  callerWantsUsage: boolean
  /** Set when the caller asked for more tokens than the cap: the cap sent instead. */
  cappedTo?: number
}

// A small, cheap model and a modest cap unless the deployment chooses otherwise.
const DEFAULT_MODEL = 'gpt-4o-mini'
const DEFAULT_MAX_TOKENS = 2_000
const DEFAULT_TEMPERATURE = 0.7

const parseModel = (entry: string) => {
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(entry)) throw new Error('must be a model name like gpt-4o-mini')
  return entry
}

export function readChatPolicy(reader: SettingsReader): ChatPolicy {
  const models = reader.list('OPENAI_MODELS', parseModel)
  return {
    models: models.length > 0 ? (models as [string, ...string[]]) : [DEFAULT_MODEL],
    maxTokens: reader.integer('OPENAI_MAX_TOKENS', DEFAULT_MAX_TOKENS, 1, 1_000_000),
    defaultTemperature: reader.number('OPENAI_TEMPERATURE', DEFAULT_TEMPERATURE, 0, 2),
  }
}

/**
 * The request OpenAI gets: the caller's validated fields, with the model checked against the
 * allowlist, the token cap applied (as `max_completion_tokens`, which every current model takes),
 * the default temperature only when none was given (0 is a temperature), and usage asked for on
 * streams so relaykit can count tokens.
 */
export function applyChatPolicy(request: ChatCompletionRequest, policy: ChatPolicy): PolicedChat {
  const { max_tokens, max_completion_tokens, stream_options, ...rest } = request
  const model = request.model ?? policy.models[0]
  if (!policy.models.includes(model)) {
    throw new RelayError(403, 'model_not_allowed', `The model ${model.slice(0, 100)} is not allowed here. Use one of: ${policy.models.join(', ')} (OPENAI_MODELS).`)
  }
  const asked = max_completion_tokens ?? max_tokens
  const cappedTo = asked !== undefined && asked > policy.maxTokens ? policy.maxTokens : undefined
  const stream = request.stream === true
  const upstreamBody: Record<string, unknown> = {
    ...rest,
    model,
    temperature: request.temperature ?? policy.defaultTemperature,
    max_completion_tokens: Math.min(asked ?? policy.maxTokens, policy.maxTokens),
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  }
  return { upstreamBody, stream, callerWantsUsage: stream_options?.include_usage === true, cappedTo }
}
