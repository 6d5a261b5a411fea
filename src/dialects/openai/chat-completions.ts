import type { Context } from 'hono'
import { MAX_TOKENS_CAPPED_HEADER } from './max-tokens-capped.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { RelayError } from '../../platform/relay-error.js'
import { readJson } from '../../platform/upstream-answer.js'
import type { PolicedChat } from './chat-policy.js'
import { relayEvents } from './event-relay.js'
import { openAIFailure, openAIUnreachable } from '../../upstreams/openai/failures.js'
import type { UpstreamFetch } from '../../platform/relay-module.js'
import type { OpenAIUpstream } from '../../upstreams/openai/settings.js'
import { logUsage, type TokenUsage, type UsageContext } from './usage-log.js'
import { log } from '../../platform/log.js'

export interface ChatCall {
  upstream: OpenAIUpstream
  fetch: UpstreamFetch
  chat: PolicedChat
}

/** The abort reason when OPENAI_TIMEOUT_MS passed, told apart from the caller leaving. */
class TimedOut extends Error {}

function usageOfCompletion(text: string): TokenUsage | undefined {
  try {
    return (JSON.parse(text) as { usage?: TokenUsage }).usage
  } catch {
    return undefined
  }
}

/**
 * Sends one policed chat to OpenAI and answers with OpenAI's answer. Before the answer begins,
 * every failure is a relaykit error (a timeout is 504); once it streams, bytes pass as they come
 * (event-relay.ts). A caller that goes away aborts the OpenAI request at any point.
 */
export async function relayChatCompletion<S>(c: Context<RelayEnv<S>>, { upstream, fetch, chat }: ChatCall): Promise<Response> {
  const usageContext: UsageContext = { requestId: c.var.requestId, relay: c.var.relay ?? 'unknown', caller: c.var.caller, model: String(chat.upstreamBody.model) }
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(new TimedOut()), upstream.timeoutMs)
  const callerSignal = c.req.raw.signal
  const callerLeft = () => abort.abort(callerSignal.reason)
  callerSignal.addEventListener('abort', callerLeft, { once: true })
  const stopWaiting = () => {
    clearTimeout(timer)
    callerSignal.removeEventListener('abort', callerLeft)
  }

  let response: Response
  try {
    response = await fetch(
      new Request(`${upstream.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${upstream.secret}`, 'Content-Type': 'application/json', Accept: chat.stream ? 'text/event-stream' : 'application/json' },
        body: JSON.stringify(chat.upstreamBody),
        signal: abort.signal,
      }),
    )
  } catch {
    stopWaiting()
    throw openAIUnreachable(abort.signal.reason instanceof TimedOut, upstream.timeoutMs)
  }
  c.set('upstreamStatus', response.status)
  if (!response.ok) {
    const body = await readJson(response)
    stopWaiting()
    throw openAIFailure(response, body)
  }
  if (chat.cappedTo !== undefined) c.header(MAX_TOKENS_CAPPED_HEADER, String(chat.cappedTo))
  // no-transform: no proxy on the way may compress or buffer the answer.
  c.header('Cache-Control', 'no-store, no-transform')

  if (!chat.stream) {
    let text: string
    try {
      text = await response.text()
    } catch {
      throw openAIUnreachable(abort.signal.reason instanceof TimedOut, upstream.timeoutMs)
    } finally {
      stopWaiting()
    }
    const usage = usageOfCompletion(text)
    if (usage) logUsage(usageContext, usage)
    return c.body(text, 200, { 'Content-Type': 'application/json' })
  }

  // The answer has begun: from here on only the caller leaving stops it, not the timeout.
  clearTimeout(timer)
  if (!response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await response.body?.cancel()
    throw new RelayError(502, 'openai_unreadable', 'OpenAI answered a stream request without an event stream. Try again later.')
  }
  const events = relayEvents(response.body, {
    keepUsage: chat.callerWantsUsage,
    onUsage: (usage) => logUsage(usageContext, usage),
    onBroken: (reason) => log('error', 'openai_stream_broken', { request_id: usageContext.requestId, relay: usageContext.relay, reason }),
    signal: callerSignal,
  })
  return c.body(events, 200, { 'Content-Type': 'text/event-stream; charset=utf-8' })
}
