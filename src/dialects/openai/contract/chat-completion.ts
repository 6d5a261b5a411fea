import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { MAX_TOKENS_CAPPED_HEADER } from '../max-tokens-capped.js'
import { chatErrorResponses, type ChatErrorStatus } from './chat-errors.js'
import { ErrorBody } from '../../../contracts/errors.js'
import { jsonBody } from '../../../contracts/json.js'
import { OpenAIErrorBody } from './openai-error.js'
import { RateLimitHeaders } from '../../../contracts/rate-limit-headers.js'

// OpenAI's chat completions, as relaykit's chat relays (openai, gateway) accept and answer them.
// The request is an allowlist of OpenAI's fields: anything else (tools, n, logit_bias, …) is
// refused by name, so a caller cannot reach features or costs the deployment did not plan for.
// Answers are OpenAI's own, passed through: a chat.completion object, or server-sent events.

const TextPart = z
  .object({ type: z.literal('text'), text: z.string().max(100_000) })
  .strict()
  .openapi('ChatTextPart')

const ChatMessage = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant']),
    content: z.union([z.string().max(100_000), z.array(TextPart).min(1).max(64)]).openapi({ description: 'Text, or a list of text parts.' }),
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -')
      .optional(),
  })
  .strict()
  .openapi('ChatMessage')

export const ChatCompletionRequest = z
  .object({
    model: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'One of the models this deployment allows (OPENAI_MODELS); the first of them when omitted.', example: 'gpt-4o-mini' }),
    messages: z.array(ChatMessage).min(1).max(256),
    temperature: z.number().min(0).max(2).optional().openapi({ description: 'OPENAI_TEMPERATURE when omitted; 0 stays 0.' }),
    top_p: z.number().min(0).max(1).optional(),
    max_tokens: z.number().int().min(1).optional().openapi({
      description: 'Capped at OPENAI_MAX_TOKENS (the answer then carries `Relaykit-Max-Tokens-Capped`); the cap when omitted. Sent to OpenAI as `max_completion_tokens`.',
    }),
    max_completion_tokens: z.number().int().min(1).optional().openapi({ description: 'The newer name of `max_tokens`; the same cap applies.' }),
    stream: z.boolean().optional().openapi({ description: 'Answer with server-sent events as OpenAI streams them.' }),
    stream_options: z
      .object({ include_usage: z.boolean().optional() })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: "With `include_usage: true`, the stream ends with OpenAI's usage chunk." }),
    stop: z
      .union([z.string().max(200), z.array(z.string().max(200)).max(4)])
      .nullable()
      .optional(),
    presence_penalty: z.number().min(-2).max(2).optional(),
    frequency_penalty: z.number().min(-2).max(2).optional(),
    seed: z.number().int().optional(),
    response_format: z
      .object({ type: z.enum(['text', 'json_object']) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.max_tokens !== undefined && value.max_completion_tokens !== undefined && value.max_tokens !== value.max_completion_tokens) {
      ctx.addIssue({ code: 'custom', path: ['max_completion_tokens'], message: 'send one of `max_tokens` and `max_completion_tokens` (or both equal)' })
    }
  })
  .openapi('ChatCompletionRequest')

export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>

export const chatRequestExample: ChatCompletionRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
  stream: true,
}

const Usage = z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }).passthrough().openapi('ChatCompletionUsage')

/** OpenAI's answer, passed through: new fields OpenAI adds pass too. */
export const ChatCompletion = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z
        .object({
          index: z.number().int(),
          message: z.object({ role: z.literal('assistant'), content: z.string().nullable() }).passthrough(),
          finish_reason: z.string().nullable(),
        })
        .passthrough(),
    ),
    usage: Usage.optional(),
  })
  .passthrough()
  .openapi('ChatCompletion')

const ChatCompletionEvents = z.string().openapi({
  description:
    'Server-sent events exactly as OpenAI sends them: `data: <chat.completion.chunk JSON>` events, then `data: [DONE]`. The usage chunk is included only when `stream_options.include_usage` is true. If OpenAI fails mid-stream, a last event `data: {"error": {...}}` ends the stream.',
  example:
    'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}\n\ndata: [DONE]\n\n',
})

const ChatHeaders = RateLimitHeaders.extend({
  [MAX_TOKENS_CAPPED_HEADER]: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .openapi({ description: 'Present when the request asked for more tokens than OPENAI_MAX_TOKENS: the cap that was sent instead.', example: '2000' }),
})

/** The success answer of every chat route: JSON, or an event stream when `stream` is true. */
export const chatCompletionResponse = {
  description: "OpenAI's answer: a chat.completion object, or (with `stream: true`) its server-sent events.",
  headers: ChatHeaders,
  content: {
    'application/json': { schema: ChatCompletion },
    'text/event-stream': { schema: ChatCompletionEvents },
  },
}

const CHAT_ERROR_STATUSES = [400, 401, 403, 413, 415, 422, 429, 502, 503, 504] as const

interface ChatRouteConfig<P extends string, O extends string> {
  path: P
  operationId: O
  tags: string[]
  security: Record<string, string[]>[]
  summary: string
  description: string
  /** What an error status means on this relay, where the shared wording does not fit. */
  errorDescriptions?: Partial<Record<ChatErrorStatus, string>>
  /** Errors in OpenAI's shape, for a path OpenAI's SDKs call. */
  openaiErrors?: boolean
}

/** A chat completions route: OpenAI's request and answers, and the chat relays' errors. */
export const chatCompletionRoute = <P extends string, O extends string>({ errorDescriptions = {}, openaiErrors = false, ...route }: ChatRouteConfig<P, O>) =>
  createRoute({
    method: 'post',
    ...route,
    request: { body: jsonBody(ChatCompletionRequest, chatRequestExample) },
    responses: { 200: chatCompletionResponse, ...chatErrorResponses(CHAT_ERROR_STATUSES, errorDescriptions, openaiErrors ? OpenAIErrorBody : ErrorBody) },
  })
