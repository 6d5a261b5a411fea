// In-memory stand-in for api.github.com, used as relaykit's upstream fetch in
// the local sandbox and in tests. Web-standard APIs only: it runs in workerd.
import { matchRoute } from './operations.js'
import { API_VERSION, errorReply, notFound, toResponse, type Reply } from './responses.js'
import type { FakeState } from './state.js'
import { createSeedState } from './seed.js'

export interface RecordedGitHubRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
}

export type FakeFailure =
  | { status: number; headers?: Record<string, string>; body?: unknown } // answer this instead
  | 'network-error' // fetch rejects with TypeError('Network connection lost.')
  | 'hang' // never answers; rejects only when the Request's signal aborts (with signal.reason)

export interface FakeGitHub {
  fetch(input: Request): Promise<Response>
  readonly received: ReadonlyArray<RecordedGitHubRequest>
  failNext(failure: FakeFailure): void
  reset(): void
}

const RATE_LIMIT = 5000

export function createFakeGitHub(): FakeGitHub {
  let state: FakeState = createSeedState()
  let received: RecordedGitHubRequest[] = []
  let failures: FakeFailure[] = []
  const hanging = new Set<Request>()
  let used = 0
  let resetAt = Math.floor(Date.now() / 1000) + 3600

  function commonHeaders(): Record<string, string> {
    used += 1
    return {
      'x-github-api-version-selected': API_VERSION,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `C0DE:${used.toString(16).toUpperCase().padStart(6, '0')}:${resetAt.toString(16).toUpperCase()}`,
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - used)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-resource': 'core',
    }
  }

  function answer(request: Request, body: string | null): Reply {
    // Only the Bearer scheme: relaykit should send exactly what the docs show.
    const auth = request.headers.get('authorization') ?? ''
    if (!/^bearer\s+\S+/i.test(auth)) return errorReply(401, 'Bad credentials')
    // The fake models the 2022-11-28 contract only, so other versions are refused as GitHub refuses unknown ones.
    const version = request.headers.get('x-github-api-version')
    if (version !== null && version !== API_VERSION) {
      return errorReply(400, `API version ${version} is not supported.`, 'https://docs.github.com/rest/overview/api-versions')
    }
    const url = new URL(request.url)
    let segments: string[]
    try {
      // Decode per segment, so an encoded slash stays inside its segment.
      segments = url.pathname.split('/').slice(1).map(decodeURIComponent)
    } catch {
      return notFound()
    }
    // GitHub Enterprise Server serves the same API under /api/v3.
    if (segments[0] === 'api' && segments[1] === 'v3') segments = segments.slice(2)
    const route = matchRoute(request.method.toUpperCase(), segments)
    return route ? route.handler({ state, url, body, params: route.params }) : notFound()
  }

  async function fetchImpl(input: Request): Promise<Response> {
    const request = input
    const signal = request.signal as AbortSignal | undefined
    const headers: Record<string, string> = {}
    request.headers.forEach((value, key) => {
      headers[key] = value
    })
    const body = request.body === null ? null : await request.text()
    received.push({ method: request.method, url: request.url, headers, body })
    if (signal?.aborted) throw signal.reason

    const failure = failures.shift()
    if (failure === 'network-error') throw new TypeError('Network connection lost.')
    if (failure === 'hang') {
      // Hold the Request while it hangs: Node's Request follows the caller's
      // signal only through a weak reference, so an unreferenced one never aborts.
      hanging.add(request)
      return new Promise<Response>((_, reject) => {
        signal?.addEventListener(
          'abort',
          () => {
            hanging.delete(request)
            reject(signal.reason)
          },
          { once: true },
        )
      })
    }
    if (failure) return toResponse({ status: failure.status, body: failure.body, headers: failure.headers }, commonHeaders())
    return toResponse(answer(request, body), commonHeaders())
  }

  return {
    fetch: fetchImpl,
    get received() {
      return received
    },
    failNext(failure) {
      failures.push(failure)
    },
    reset() {
      state = createSeedState()
      received = []
      failures = []
      used = 0
      resetAt = Math.floor(Date.now() / 1000) + 3600
    },
  }
}
