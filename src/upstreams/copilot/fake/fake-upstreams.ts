import type { CopilotDeps, CopilotSettings } from '../settings.js'
import { createFakeCopilot, type FakeCopilotOptions } from './fake-copilot.js'
import { createFakeGitHub, type FakeGitHubOptions } from './fake-github.js'

/** Where the fakes answer: hosts that exist nowhere, so nothing can leave the machine by mistake. */
export const FAKE_GITHUB_URL = 'https://github.fake.invalid'
export const FAKE_GITHUB_API_URL = 'https://api.github.fake.invalid'
export const FAKE_COPILOT_API_URL = 'https://api.copilot.fake.invalid'

export const FAKE_SETTINGS: CopilotSettings = {
  githubWebUrl: FAKE_GITHUB_URL,
  githubApiUrl: FAKE_GITHUB_API_URL,
  copilotApiUrl: FAKE_COPILOT_API_URL,
  clientId: 'Iv1.b507a08c87ecfe98',
  scope: 'read:user',
  timeoutMs: 5_000,
}

/**
 * A fake GitHub and a fake Copilot that know each other's tokens, and one fetch that reaches
 * each by its host: the deps for any client here, with settings pointing at them.
 */
export function createFakeUpstreams({
  github: githubOptions = {},
  copilot: copilotOptions = {},
}: {
  github?: FakeGitHubOptions
  copilot?: Omit<FakeCopilotOptions, 'acceptsToken'>
} = {}) {
  const github = createFakeGitHub({ copilotApiEndpoint: FAKE_COPILOT_API_URL, ...githubOptions })
  const copilot = createFakeCopilot({ acceptsToken: (token) => github.copilotTokenOwner(token) !== undefined, ...copilotOptions })
  const fetch = async (request: Request): Promise<Response> => {
    const origin = new URL(request.url).origin
    if (origin === FAKE_COPILOT_API_URL) return copilot.fetch(request)
    if (origin === FAKE_GITHUB_URL || origin === FAKE_GITHUB_API_URL) return github.fetch(request)
    throw new TypeError(`The fakes do not answer ${origin}`)
  }
  const deps: CopilotDeps = { fetch, settings: FAKE_SETTINGS }
  return { github, copilot, fetch, deps }
}
