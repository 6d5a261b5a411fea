import { chatkitRelay } from '../relays/chatkit/index.js'
import { createFakeUpstreams } from '../upstreams/copilot/fake/fake-upstreams.js'
import { COPILOT_UPSTREAM } from '../upstreams/copilot/settings.js'
import { createFakeGitHub } from '../upstreams/github/fake/fake-github.js'
import { GITHUB_UPSTREAM } from '../upstreams/github/settings.js'
import { createFakeIdentity } from '../upstreams/identity/fake/fake-identity.js'
import { IDENTITY_UPSTREAM } from '../upstreams/identity/settings.js'
import { createFakeChatKit } from '../upstreams/openai/fake/fake-chatkit.js'
import { createFakeOpenAI } from '../upstreams/openai/fake/fake-openai.js'
import { OPENAI_UPSTREAM } from '../upstreams/openai/settings.js'
import { SANDBOX_AUDIENCE, SANDBOX_COPILOT_REPLY, SANDBOX_ISSUER, SANDBOX_USERS } from './defaults.js'

/** The ChatKit workflows the sandbox's chatkit settings name: the fake ChatKit knows these and no others. */
const workflows = [chatkitRelay.sandbox?.CHATKIT_WORKFLOW_ID, ...(chatkitRelay.sandbox?.CHATKIT_WORKFLOWS ?? '').split(',').map((named) => named.split('=')[1])].filter(
  (id): id is string => Boolean(id),
)

/** Built on first use, not at start-up: fakes read the clock, which an isolate may not at start-up. */
const once = <T>(make: () => T) => {
  let made: T | undefined
  return () => (made ??= make())
}

/** The sandbox's fake upstreams, one of each for the isolate's life. */
export const sandboxIdentity = once(() => createFakeIdentity({ issuer: SANDBOX_ISSUER, audience: SANDBOX_AUDIENCE, entitlements: SANDBOX_USERS }))
const github = once(createFakeGitHub)
const openai = once(() => createFakeOpenAI())
const chatkit = once(() => createFakeChatKit({ workflows }))
// A sign-in is approved on the second poll, a second apart; answers stream as a model writes.
const copilot = once(() => createFakeUpstreams({ github: { deviceIntervalSeconds: 1 }, copilot: { reply: SANDBOX_COPILOT_REPLY, chunkDelayMs: 60 } }))

export const sandboxFetch = {
  [GITHUB_UPSTREAM]: (request: Request) => github().fetch(request),
  // One OpenAI host for chat completions and ChatKit sessions.
  [OPENAI_UPSTREAM]: (request: Request) => (new URL(request.url).pathname.includes('/chatkit/') ? chatkit().fetch(request) : openai().fetch(request)),
  [IDENTITY_UPSTREAM]: (request: Request) => sandboxIdentity().fetch(request),
  // GitHub and Copilot alike: the fakes answer each by its host.
  [COPILOT_UPSTREAM]: (request: Request) => copilot().fetch(request),
}
