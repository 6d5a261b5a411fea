import type { SettingsReader } from '../../platform/settings.js'
import { readUpstream, type Upstream } from '../../platform/upstream-settings.js'

declare module '../../platform/env.js' {
  interface Env {
    GITHUB_TOKEN?: string
    GITHUB_API_URL?: string
    GITHUB_TIMEOUT_MS?: string
  }
}

/** GitHub's REST API; the secret is GITHUB_TOKEN. */
export type GitHubUpstream = Upstream

/** Below ChatGPT's 45 s action timeout, with room for relaykit's own work. */
const DEFAULT_TIMEOUT_MS = 15_000

export const readGitHubUpstream = (reader: SettingsReader): GitHubUpstream =>
  readUpstream(reader, {
    url: ['GITHUB_API_URL', 'https://api.github.com'],
    secret: 'GITHUB_TOKEN',
    timeoutMs: ['GITHUB_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 40_000],
  })

/** The name relays ask the app's dependencies for this upstream's fetch by. */
export const GITHUB_UPSTREAM = 'github'
