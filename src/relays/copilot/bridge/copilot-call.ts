import type { Context } from 'hono'
import { brokenStreamEvent, relayEvents, type UsageReader } from '../../../dialects/openai/event-relay.js'
import type { TokenUsage } from '../../../dialects/openai/usage-log.js'
import { log } from '../../../platform/log.js'
import { RelayError } from '../../../platform/relay-error.js'
import { copilotBaseUrl } from '../../../upstreams/copilot/base-url.js'
import { copilotFailure } from '../../../upstreams/copilot/failures.js'
import { copilotHeaders, type Initiator } from '../../../upstreams/copilot/headers.js'
import type { JsonObject } from '../../../upstreams/copilot/json.js'
import type { CopilotToken, TokenSource } from '../../../upstreams/copilot/token-exchange.js'
import { readAnswer, send } from '../../../upstreams/copilot/upstream-call.js'
import { withCopilotToken } from '../../../upstreams/copilot/with-copilot-token.js'
import { ACCOUNT_TYPE_HEADER } from '../contract/schemes.js'
import type { KeyedEnv } from '../copilot-env.js'
import { setupPageUrl } from '../copilot-env.js'
import { answeringProblems, relayErrorOf } from '../problems.js'
import { logCopilotUsage } from './usage-line.js'

/** One request to Copilot's API for the account, as the caller's request became. */
export interface CopilotRequest {
  path: '/chat/completions' | '/responses' | '/embeddings'
  body: JsonObject
  /** Omitted for calls no one is billed for (embeddings). */
  initiator?: Initiator
  vision?: boolean
  /** Where a stream's token counts are, when it is one. */
  usage?: UsageReader
  /** Reads the counts of a JSON answer. */
  usageOfAnswer: (answer: unknown) => TokenUsage | undefined
}

const BROKEN_EVENT = brokenStreamEvent("Copilot's stream broke off before the answer was complete. Try again.", 'copilot_stream_interrupted')

/** Where the account's Copilot token is, and how to open its GitHub token when it must be exchanged. */
export function tokenSource(c: Context<KeyedEnv>): TokenSource {
  const { account, runtime } = c.var
  return { account: account.tokenId, githubToken: () => runtime.accounts.githubToken(account), setupPageUrl: setupPageUrl(c) }
}

/** The Copilot API host for this token and request: configuration, the token's own, the caller's plan label, or the default. */
export const baseUrlFor = (c: Context<KeyedEnv>, token: CopilotToken) =>
  copilotBaseUrl({ configured: c.var.runtime.deps.settings.copilotApiUrl, tokenApiEndpoint: token.apiEndpoint, accountType: c.req.header(ACCOUNT_TYPE_HEADER) })

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Sends `build`'s request to Copilot with the account's Copilot token (exchanged again once if
 * Copilot refuses it), and answers Copilot's answer as it began. The caller leaving aborts it.
 */
export async function copilotFetch(c: Context<KeyedEnv>, build: (token: CopilotToken, baseUrl: string) => Request): Promise<Response> {
  const { runtime } = c.var
  const signal = c.req.raw.signal
  try {
    return await answeringProblems(setupPageUrl(c), () =>
      withCopilotToken(runtime.tokens, tokenSource(c), (token) => send(runtime.deps, 'Copilot', build(token, baseUrlFor(c, token)), signal)),
    )
  } catch (error) {
    // No one is left to answer; the log should not call it relaykit's failure.
    if (signal.aborted) throw new RelayError(400, 'caller_left', 'The caller went away before Copilot answered.')
    throw error
  }
}

/** Notes Copilot's status, and throws its refusal as the error that says what to do. */
export async function refuseUnlessOk(c: Context<KeyedEnv>, response: Response, model: string | undefined): Promise<void> {
  c.set('upstreamStatus', response.status)
  if (response.ok) return
  const { json, text } = await readAnswer(response)
  throw relayErrorOf(copilotFailure(response.status, response.headers, json, text, { setupPageUrl: setupPageUrl(c), model }))
}

/** Copilot's JSON answer, as text and parsed; one that breaks off or is not JSON fails the request. */
export async function readJson(response: Response): Promise<{ text: string; answer: unknown }> {
  const text = await response.text().catch(() => {
    throw new RelayError(502, 'copilot_unreachable', "Copilot's answer broke off before it was complete. Try again.")
  })
  const answer = parsed(text)
  if (answer === undefined) throw new RelayError(502, 'copilot_unreadable', 'Copilot answered with something that is neither JSON nor an event stream. Try again later.')
  return { text, answer }
}

/**
 * Sends the request to Copilot as the account and answers Copilot's answer. Before the answer
 * begins, every failure is an error that says what to do; a stream then passes byte for byte,
 * its events as Copilot sent them, and a break becomes a last error event. A caller that goes
 * away cancels the Copilot request at any point.
 */
export async function callCopilot(c: Context<KeyedEnv>, request: CopilotRequest): Promise<Response> {
  const model = typeof request.body.model === 'string' ? request.body.model : undefined
  const usageLine = { requestId: c.var.requestId, caller: c.var.caller, model }
  const response = await copilotFetch(
    c,
    (token, baseUrl) =>
      new Request(`${baseUrl}${request.path}`, {
        method: 'POST',
        headers: copilotHeaders({ copilotToken: token.token, initiator: request.initiator, vision: request.vision }),
        body: JSON.stringify(request.body),
      }),
  )
  await refuseUnlessOk(c, response, model)
  // no-transform: no proxy on the way may compress or buffer the answer.
  c.header('Cache-Control', 'no-store, no-transform')
  const type = response.headers.get('content-type') ?? ''
  if (type.startsWith('text/event-stream') && response.body) {
    let counted: TokenUsage | undefined
    const events = relayEvents(response.body, {
      keepUsage: true,
      usage: request.usage,
      onUsage: (usage) => (counted = usage),
      onBroken: (reason) => log('error', 'copilot_stream_broken', { request_id: usageLine.requestId, relay: 'copilot', reason }),
      onEnd: () => logCopilotUsage(usageLine, counted),
      signal: c.req.raw.signal,
      brokenEvent: BROKEN_EVENT,
    })
    return c.body(events, 200, { 'Content-Type': 'text/event-stream; charset=utf-8' })
  }
  const { text, answer } = await readJson(response)
  logCopilotUsage(usageLine, request.usageOfAnswer(answer))
  return c.body(text, 200, { 'Content-Type': 'application/json' })
}
