import type { ContentBlock, RawContentBlockDelta, RawContentBlockStartEvent, StopReason } from '@anthropic-ai/sdk/resources/messages'
import { JsonCompletion } from './json-completion.js'
import { type AnswerOptions, toolUseBlock } from './message.js'
import { StopSequenceMatcher } from './stop-sequences.js'
import type { AnthropicErrorType, AnthropicStreamEvent } from './types.js'
import { deltaUsage, messageUsage, type TokenCounts } from './usage.js'

/**
 * Whitespace-only argument deltas in a row after which a tool call is taken to have run away (a
 * known failure: a model that keeps sending newlines until its output limit). Arguments stream as
 * tokens, and a run of whitespace is one token, so a real call never comes near this.
 */
export const MAX_WHITESPACE_DELTAS = 32

type BlockKind = 'text' | 'tool_use' | 'thinking'

interface OpenBlock {
  /** The upstream's name for what this block holds (a choice, a tool call, an output item). */
  key: string
  index: number
  kind: BlockKind
  whitespaceRun: number
  json: JsonCompletion
}

const WHITESPACE_ONLY = /^\s+$/

/**
 * Writes one Anthropic message stream, in Anthropic's order: `message_start`; each block as
 * `content_block_start`, its deltas and `content_block_stop`, one block at a time with indexes
 * counting up; then `message_delta` and `message_stop`, or an `error` event. The stream
 * translators call it as upstream events arrive and `take` what it wrote. Once the message has
 * ended every call is ignored (`done`).
 */
export class MessageEvents {
  private events: AnthropicStreamEvent[] = []
  private open: OpenBlock | undefined
  private nextIndex = 0
  private readonly ended = new Set<string>()
  private readonly stops: StopSequenceMatcher
  /** The text block the held-back text belongs to. */
  private heldKey = ''
  started = false
  done = false
  calledTools = false

  constructor(private readonly options: AnswerOptions) {
    this.stops = new StopSequenceMatcher(options.stopSequences)
  }

  /** The events written since the last call. */
  take(): AnthropicStreamEvent[] {
    const events = this.events
    this.events = []
    return events
  }

  start(id: string, tokens?: TokenCounts): void {
    if (this.started || this.done) return
    this.started = true
    this.events.push({
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: this.options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        usage: messageUsage(tokens),
      },
    })
  }

  text(key: string, delta: string): void {
    if (this.done || delta === '') return
    if (this.open && this.open.key !== key) this.closeOpen()
    const { text, matched } = this.stops.push(delta)
    this.writeText(key, text)
    if (matched === undefined) return
    this.closeOpen()
    this.finishWith('stop_sequence', matched, undefined)
  }

  toolStart(key: string, id: string, name: string): void {
    if (this.done) return
    this.closeOpen()
    this.calledTools = true
    this.openBlock(key, 'tool_use', toolUseBlock(id, name, {}))
  }

  /**
   * Argument text for the tool call `key`. Arguments for a call that has already ended cannot be
   * placed (blocks go one at a time) and end the message with an error. A call whose arguments run
   * away into whitespace is stopped: if its arguments were already complete JSON it is a usable
   * call and the message ends for tool use; otherwise the message ends with an error, so the client
   * retries rather than run a tool on half its input.
   */
  toolArguments(key: string, delta: string): void {
    if (this.done || delta === '') return
    const block = this.open
    if (block?.key !== key) {
      if (this.ended.has(key)) this.fail('api_error', 'The model sent more of a tool call after it had moved on; retry the request.')
      return
    }
    this.delta(block, { type: 'input_json_delta', partial_json: delta })
    block.json.push(delta)
    block.whitespaceRun = WHITESPACE_ONLY.test(delta) ? block.whitespaceRun + 1 : 0
    if (block.whitespaceRun <= MAX_WHITESPACE_DELTAS) return
    if (block.json.complete) this.finish('tool_use')
    else this.fail('api_error', "The model's tool call ran into endless whitespace before its arguments were complete; retry the request.")
  }

  thinking(key: string, delta: string): void {
    if (this.done || delta === '') return
    this.delta(this.thinkingBlock(key), { type: 'thinking_delta', thinking: delta })
  }

  signature(key: string, signature: string): void {
    if (this.done || signature === '') return
    this.delta(this.thinkingBlock(key), { type: 'signature_delta', signature })
  }

  /** Ends the block for `key` if it is the open one. */
  close(key: string): void {
    if (!this.done && this.open?.key === key) this.closeOpen()
  }

  /** Ends the message: closes what is open, then `message_delta` and `message_stop`. */
  finish(stopReason: StopReason, tokens?: TokenCounts): void {
    if (this.done) return
    this.closeOpen()
    this.finishWith(stopReason, null, tokens)
  }

  /** Ends the message with an `error` event, after closing what is open (what was sent stays valid). */
  fail(type: AnthropicErrorType, message: string): void {
    if (this.done) return
    this.closeOpen()
    this.done = true
    this.events.push({ type: 'error', error: { type, message } })
  }

  private finishWith(stopReason: StopReason, stopSequence: string | null, tokens: TokenCounts | undefined): void {
    this.done = true
    this.events.push(
      { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: stopSequence, stop_details: null, container: null }, usage: deltaUsage(tokens) },
      { type: 'message_stop' },
    )
  }

  private thinkingBlock(key: string): OpenBlock {
    if (this.open?.key === key && this.open.kind === 'thinking') return this.open
    this.closeOpen()
    return this.openBlock(key, 'thinking', { type: 'thinking', thinking: '', signature: '' })
  }

  private writeText(key: string, text: string): void {
    this.heldKey = key
    if (text === '') return
    const block = this.open ?? this.openBlock(key, 'text', { type: 'text', text: '', citations: null })
    this.delta(block, { type: 'text_delta', text })
  }

  private openBlock(key: string, kind: BlockKind, content: ContentBlock): OpenBlock {
    const block: OpenBlock = { key, index: this.nextIndex, kind, whitespaceRun: 0, json: new JsonCompletion() }
    this.nextIndex += 1
    this.open = block
    this.events.push({ type: 'content_block_start', index: block.index, content_block: content as RawContentBlockStartEvent['content_block'] })
    return block
  }

  private delta(block: OpenBlock, delta: RawContentBlockDelta): void {
    this.events.push({ type: 'content_block_delta', index: block.index, delta })
  }

  /** Closes the open block, after releasing text held back for stop sequences into its own text block. */
  private closeOpen(): void {
    const held = this.stops.flush()
    if (held) this.writeText(this.heldKey, held)
    const block = this.open
    if (!block) return
    this.events.push({ type: 'content_block_stop', index: block.index })
    this.ended.add(block.key)
    this.open = undefined
  }
}
