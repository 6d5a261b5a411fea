import type { OpenAIFailure } from './openai/fake/fake-openai.js'

// What every fake upstream does with what it is sent, and with a failure a test forces on it.

/** The request's body as JSON when it parses, else as text, for the fake's record of it. */
export async function recordedBody(request: Request): Promise<unknown> {
  const text = await request.text()
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

/** How a forced failure answers: an error answer, a lost connection, or no answer until the request is aborted. */
export function forcedAnswer(failure: OpenAIFailure, request: Request): Promise<Response> {
  if (failure === 'network-error') return Promise.reject(new TypeError('Network connection lost.'))
  if (failure === 'hang') {
    return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }))
  }
  return Promise.resolve(Response.json(failure.body ?? {}, { status: failure.status, headers: failure.headers }))
}
