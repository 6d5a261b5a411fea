import type { Response, ResponseOutputItem, ResponseStreamEvent } from 'openai/resources/responses/responses'
import type { StreamOptions } from './chat-stream.js'
import { MessageEvents } from './message-events.js'
import { reasoningSignature } from './reasoning.js'
import { responsesStopReason } from './stop-reason.js'
import type { AnthropicErrorType, AnthropicStreamEvent, StreamTranslator } from './types.js'
import { failureMessage, failureType, UNFINISHED_MESSAGE } from './upstream-failure.js'
import { responsesTokenCounts } from './usage.js'

/** Output items are addressed by their index in the response: every event about one names it. */
const keyOf = (outputIndex: number) => `output ${outputIndex}`

/**
 * Responses stream events → Anthropic stream events, as they arrive. A reasoning item becomes a
 * thinking block: its summary as `thinking_delta`s (parts apart by a blank line) and, once the
 * item is done, its encrypted content as the `signature_delta`, so the client can hand it back.
 * Text (refusals too) becomes text blocks, function calls tool_use blocks with their argument
 * deltas. `response.completed` and `response.incomplete` finish the message; `response.failed`
 * and `error` fail it; an upstream that ends before either fails it too.
 */
export class ResponsesStreamTranslator implements StreamTranslator<ResponseStreamEvent> {
  private readonly events: MessageEvents
  private readonly toolsStarted = new Set<string>()
  private readonly argumentsStreamed = new Set<string>()
  /** The summary part last written for each reasoning item. */
  private readonly summaryParts = new Map<string, number>()
  private refused = false

  constructor(private readonly options: StreamOptions) {
    this.events = new MessageEvents(options)
  }

  get done(): boolean {
    return this.events.done
  }

  push(event: ResponseStreamEvent): AnthropicStreamEvent[] {
    const response = 'response' in event ? (event.response as Response) : undefined
    this.events.start(response?.id ?? '', { input: this.options.inputTokens ?? 0, cacheRead: 0, cacheWrite: 0, output: 0 })
    switch (event.type) {
      case 'response.output_item.added':
        if (event.item.type === 'function_call') this.startTool(event.output_index, event.item)
        break
      case 'response.output_text.delta':
        this.events.text(keyOf(event.output_index), event.delta)
        break
      case 'response.refusal.delta':
        this.refused = true
        this.events.text(keyOf(event.output_index), event.delta)
        break
      case 'response.reasoning_summary_text.delta':
        this.summary(event.output_index, event.summary_index, event.delta)
        break
      case 'response.function_call_arguments.delta':
        this.argumentsStreamed.add(keyOf(event.output_index))
        this.events.toolArguments(keyOf(event.output_index), event.delta)
        break
      case 'response.function_call_arguments.done':
        if (!this.argumentsStreamed.has(keyOf(event.output_index))) this.events.toolArguments(keyOf(event.output_index), event.arguments)
        this.argumentsStreamed.add(keyOf(event.output_index))
        break
      case 'response.output_item.done':
        this.itemDone(event.output_index, event.item)
        break
      case 'response.completed':
      case 'response.incomplete':
        this.events.finish(
          this.refused ? 'refusal' : responsesStopReason(event.response, this.events.calledTools),
          event.response.usage && responsesTokenCounts(event.response.usage),
        )
        break
      case 'response.failed':
        this.events.fail(failureType(event.response.error ?? {}), failureMessage(event.response.error ?? {}))
        break
      case 'error':
        this.events.fail(failureType(event), failureMessage(event))
        break
    }
    return this.events.take()
  }

  fail(type: AnthropicErrorType, message: string): AnthropicStreamEvent[] {
    this.events.fail(type, message)
    return this.events.take()
  }

  end(): AnthropicStreamEvent[] {
    this.events.fail('api_error', UNFINISHED_MESSAGE)
    return this.events.take()
  }

  private startTool(outputIndex: number, item: Extract<ResponseOutputItem, { type: 'function_call' }>): void {
    const key = keyOf(outputIndex)
    if (this.toolsStarted.has(key)) return
    this.toolsStarted.add(key)
    this.events.toolStart(key, item.call_id, item.name)
    if (item.arguments) {
      this.argumentsStreamed.add(key)
      this.events.toolArguments(key, item.arguments)
    }
  }

  private summary(outputIndex: number, part: number, delta: string): void {
    const key = keyOf(outputIndex)
    const last = this.summaryParts.get(key)
    if (last !== undefined && part !== last) this.events.thinking(key, '\n\n')
    this.summaryParts.set(key, part)
    this.events.thinking(key, delta)
  }

  private itemDone(outputIndex: number, item: ResponseOutputItem): void {
    const key = keyOf(outputIndex)
    if (item.type === 'function_call') this.startTool(outputIndex, item)
    if (item.type === 'reasoning' && item.encrypted_content) this.events.signature(key, reasoningSignature(item.encrypted_content, item.id))
    this.events.close(key)
  }
}
