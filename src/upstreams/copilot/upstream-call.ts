import { CopilotUpstreamError } from './problem.js'
import type { CopilotDeps } from './settings.js'

export type UpstreamName = 'GitHub' | 'Copilot'

/**
 * Sends one request and waits at most `timeoutMs` for the answer to begin (a stream may then
 * run longer). A network failure or the wait running out becomes a problem naming the upstream;
 * the caller's own signal going away is passed on as it is.
 */
export async function send({ fetch, settings }: CopilotDeps, upstream: UpstreamName, request: Request, signal?: AbortSignal): Promise<Response> {
  const timer = new AbortController()
  const timeout = setTimeout(() => timer.abort(), settings.timeoutMs)
  try {
    return await fetch(new Request(request, { signal: signal ? AbortSignal.any([signal, timer.signal]) : timer.signal }))
  } catch (error) {
    if (signal?.aborted) throw error
    throw new CopilotUpstreamError(
      timer.signal.aborted
        ? { status: 504, code: `${upstream.toLowerCase()}_timeout`, message: `${upstream} did not begin answering within ${settings.timeoutMs} ms. Try again.` }
        : { status: 502, code: `${upstream.toLowerCase()}_unreachable`, message: `relaykit could not reach ${upstream}. Try again shortly.` },
    )
  } finally {
    clearTimeout(timeout)
  }
}

/** An answer's body as text, and as JSON when it is JSON (Copilot sometimes answers errors as plain text). */
export async function readAnswer(response: Response): Promise<{ text: string; json: unknown }> {
  const text = await response.text().catch(() => '')
  try {
    return { text, json: JSON.parse(text) }
  } catch {
    return { text, json: undefined }
  }
}
