import type { ErrorResponse } from '@anthropic-ai/sdk/resources/shared'
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages'

/** Anthropic's keep-alive event; clients skip it. */
export interface PingEvent {
  type: 'ping'
}

/** The event that ends a stream which failed after it began (Anthropic sends it without a request id). */
export type ErrorEvent = Pick<ErrorResponse, 'type' | 'error'>

/** Every event an Anthropic Messages stream can carry. */
export type AnthropicStreamEvent = RawMessageStreamEvent | PingEvent | ErrorEvent

/** Anthropic's broad error categories that relaykit answers with. */
export type AnthropicErrorType = ErrorResponse['error']['type']

/**
 * A stream translator: fed the upstream's events one by one as they arrive, it answers the
 * Anthropic events each one yields. `done` turns true once the translation has ended (finished,
 * failed or cut short), after which the upstream should be cancelled and nothing more is pushed.
 */
export interface StreamTranslator<Upstream> {
  push(upstream: Upstream): AnthropicStreamEvent[]
  /** The upstream ended: close what is open, and fail unless the upstream had finished its answer. */
  end(): AnthropicStreamEvent[]
  /** The upstream broke (unreadable, cut off): close what is open and end with an `error` event. */
  fail(type: AnthropicErrorType, message: string): AnthropicStreamEvent[]
  readonly done: boolean
}
