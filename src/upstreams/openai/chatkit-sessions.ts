import type { SessionCreateParams } from 'openai/resources/beta/chatkit/sessions'
import type { ChatSession } from 'openai/resources/beta/chatkit/threads'
import type { UpstreamFetch } from '../../platform/relay-module.js'
import { openAIFailure, openAIUnreachable } from './failures.js'
import type { OpenAIUpstream } from './settings.js'
import { RelayError } from '../../platform/relay-error.js'
import { isTimeout, readJson } from '../../platform/upstream-answer.js'

// The only two ChatKit calls relaykit makes: create a session, cancel one. Typed by the official
// `openai` package, so they keep OpenAI's shapes.

const CHATKIT_BETA = 'chatkit_beta=v1'

const isSession = (answer: unknown): answer is ChatSession => {
  const session = answer as Partial<ChatSession> | undefined
  return typeof session?.id === 'string' && typeof session.client_secret === 'string' && Number.isInteger(session.expires_at)
}

interface OpenAIErrorParam {
  error?: { param?: unknown }
}

/**
 * OpenAI answers 404, or 400 naming a `workflow` parameter, when it cannot run the workflow for
 * relaykit's key: the id is wrong, or the key belongs to another project. Neither is the caller's
 * to fix. Any other refusal is OpenAI's usual one.
 */
function sessionRefused(response: Response, body: unknown): RelayError {
  const param = (body as OpenAIErrorParam | undefined)?.error?.param
  const workflowRefused = response.status === 404 || (response.status === 400 && typeof param === 'string' && param.startsWith('workflow'))
  if (workflowRefused) {
    return new RelayError(
      502,
      'chatkit_workflow_rejected',
      `OpenAI would not start a ChatKit session for the configured workflow (it answered ${response.status}). The operator must check CHATKIT_WORKFLOW_ID or CHATKIT_WORKFLOWS, and that OPENAI_API_KEY belongs to the workflow's project.`,
    )
  }
  return openAIFailure(response, body)
}

export function createChatKitApi(upstream: OpenAIUpstream, fetch: UpstreamFetch) {
  async function post(path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${upstream.secret}`, 'OpenAI-Beta': CHATKIT_BETA }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    try {
      return await fetch(
        new Request(`${upstream.baseUrl}${path}`, {
          method: 'POST',
          headers,
          body: body === undefined ? null : JSON.stringify(body),
          signal: AbortSignal.timeout(upstream.timeoutMs),
        }),
      )
    } catch (error) {
      throw openAIUnreachable(isTimeout(error), upstream.timeoutMs)
    }
  }

  return {
    async createSession(params: SessionCreateParams): Promise<ChatSession> {
      const response = await post('/chatkit/sessions', params)
      const answer = await readJson(response)
      if (!response.ok) throw sessionRefused(response, answer)
      if (!isSession(answer)) throw new RelayError(502, 'openai_unreadable', 'OpenAI answered, but not with a ChatKit session relaykit can read. Try again later.')
      return answer
    },

    /** Cancelling stops OpenAI accepting the session's client secret. */
    async cancelSession(sessionId: string): Promise<void> {
      const response = await post(`/chatkit/sessions/${encodeURIComponent(sessionId)}/cancel`)
      if (!response.ok) throw openAIFailure(response, await readJson(response))
    },
  }
}

export type ChatKitApi = ReturnType<typeof createChatKitApi>
