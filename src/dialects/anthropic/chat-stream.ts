import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { AnswerOptions } from './message.js'
import { MessageEvents } from './message-events.js'
import { chatStopReason } from './stop-reason.js'
import type { AnthropicErrorType, AnthropicStreamEvent, StreamTranslator } from './types.js'
import { failureMessage, failureType, UNFINISHED_MESSAGE, type UpstreamFailure } from './upstream-failure.js'
import { chatTokenCounts, type TokenCounts } from './usage.js'

/** What a Chat Completions stream carries: chunks, or an error in OpenAI's shape. */
export type ChatStreamInput = ChatCompletionChunk | { error: UpstreamFailure }

export interface StreamOptions extends AnswerOptions {
  /** An estimate of the input tokens for `message_start`, where Copilot reports usage only at the end. */
  inputTokens?: number
}

/**
 * Chat Completions chunks → Anthropic stream events, as they arrive. Every choice is read (Copilot
 * can stream text in one choice and a tool call in another); usage-only chunks (no choices) give
 * the final usage. The message finishes when the upstream ends (`[DONE]` or the end of the body)
 * after at least one choice finished, so usage sent after the finish reason is not lost; ending
 * with no finish reason at all closes what is open and fails with an `error` event, never a
 * made-up `end_turn`.
 */
export class ChatCompletionsStreamTranslator implements StreamTranslator<ChatStreamInput> {
  private readonly events: MessageEvents
  private readonly finishReasons: ChatCompletion.Choice['finish_reason'][] = []
  /** Tool calls seen, by choice and tool call index, with the key of their block. */
  private readonly toolKeys = new Map<string, string>()
  private tokens: TokenCounts | undefined

  constructor(private readonly options: StreamOptions) {
    this.events = new MessageEvents(options)
  }

  get done(): boolean {
    return this.events.done
  }

  push(input: ChatStreamInput): AnthropicStreamEvent[] {
    if ('error' in input) {
      this.events.fail(failureType(input.error), failureMessage(input.error))
      return this.events.take()
    }
    if (input.usage) this.tokens = chatTokenCounts(input.usage)
    // Copilot can open with a chunk of content-filter results only, with no id; the message starts with the first real chunk.
    if (input.id === '' && input.choices.length === 0) return []
    this.events.start(input.id, { input: this.options.inputTokens ?? 0, cacheRead: 0, cacheWrite: 0, output: 0 })
    for (const choice of input.choices) this.readChoice(choice)
    return this.events.take()
  }

  fail(type: AnthropicErrorType, message: string): AnthropicStreamEvent[] {
    this.events.fail(type, message)
    return this.events.take()
  }

  end(): AnthropicStreamEvent[] {
    if (this.finishReasons.length === 0) this.events.fail('api_error', UNFINISHED_MESSAGE)
    else this.events.finish(chatStopReason(this.finishReasons, this.events.calledTools), this.tokens)
    return this.events.take()
  }

  private readChoice({ index, delta, finish_reason }: ChatCompletionChunk.Choice): void {
    if (delta.content) this.events.text(`choice ${index}`, delta.content)
    for (const call of delta.tool_calls ?? []) {
      const id = `${index}.${call.index}`
      let key = this.toolKeys.get(id)
      if (key === undefined) {
        key = `choice ${index} tool ${call.index}`
        this.toolKeys.set(id, key)
        this.events.toolStart(key, call.id ?? `call_${index}_${call.index}`, call.function?.name ?? '')
      }
      if (call.function?.arguments) this.events.toolArguments(key, call.function.arguments)
    }
    if (finish_reason) this.finishReasons.push(finish_reason)
  }
}
