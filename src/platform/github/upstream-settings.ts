import { SANDBOX_GITHUB_TOKEN } from '../../sandbox/defaults.js'
import type { Env } from '../env.js'
import { SANDBOX_REFUSED, sandboxMode } from '../sandbox.js'
import type { SettingsReader } from '../settings.js'

export interface GitHubUpstream {
  baseUrl: string
  token: string
  timeoutMs: number
  /** The sandbox's embedded fake GitHub answers instead of the network. */
  sandbox: boolean
}

/** Below ChatGPT's 45 s action timeout, with room for relaykit's own work. */
const DEFAULT_TIMEOUT_MS = 15_000

export function readGitHubUpstream(reader: SettingsReader, env: Env): GitHubUpstream {
  const timeoutMs = reader.integer('GITHUB_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 1, 40_000)
  const baseUrl = reader.url('GITHUB_API_URL', 'https://api.github.com')
  const mode = sandboxMode(env)
  if (mode === 'refused') reader.invalid.push(SANDBOX_REFUSED)
  if (mode !== 'off') return { baseUrl, token: SANDBOX_GITHUB_TOKEN, timeoutMs, sandbox: true }
  return { baseUrl, token: reader.required('GITHUB_TOKEN'), timeoutMs, sandbox: false }
}
