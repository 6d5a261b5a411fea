import { SANDBOX_GITHUB_TOKEN } from '../../sandbox/defaults.js'
import type { Env } from '../../platform/env.js'
import type { SettingsReader } from '../../platform/settings.js'
import { readUpstream, type Upstream } from '../../platform/upstream-settings.js'

/** GitHub's REST API; the secret is GITHUB_TOKEN. */
export type GitHubUpstream = Upstream

/** Below ChatGPT's 45 s action timeout, with room for relaykit's own work. */
const DEFAULT_TIMEOUT_MS = 15_000

export const readGitHubUpstream = (reader: SettingsReader, env: Env): GitHubUpstream =>
  readUpstream(reader, env, {
    url: ['GITHUB_API_URL', 'https://api.github.com'],
    secret: ['GITHUB_TOKEN', SANDBOX_GITHUB_TOKEN],
    timeoutMs: ['GITHUB_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 40_000],
  })
