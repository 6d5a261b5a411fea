import type { RateLimitPolicy } from '../../platform/rate-limit/policies.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import type { SettingsReader } from '../../platform/settings.js'
import { isEventType, isWorkflowFile } from '../../upstreams/github/name-patterns.js'
import { parseRepoRule, type RepoRule } from '../../upstreams/github/repo-rule.js'
import { type GitHubUpstream, readGitHubUpstream } from '../../upstreams/github/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    ACTIONS_TOKEN?: string
    /** An older name for ACTIONS_TOKEN, still accepted so a deployment can rename it without breaking its GPT. */
    CHATGPT_BEARER_TOKEN?: string
    ALLOWED_REPOS?: string
    ALLOWED_EVENT_TYPES?: string
    ALLOWED_WORKFLOWS?: string
    /** Token bucket of the github relay, per caller token, e.g. `1/second burst 10` or `off`. */
    RATE_LIMIT_GITHUB?: string
  }
}

/** A bucket of 10 per caller token, one more each second: a GPT's bursts pass, a loop does not. */
export const githubRateLimit: RateLimitPolicy = { name: 'github', setting: 'RATE_LIMIT_GITHUB', fallback: '1/second burst 10', key: 'caller' }

export interface GitHubRelaySettings extends RateLimitSettings {
  upstream: GitHubUpstream
  /** ACTIONS_TOKEN, and CHATGPT_BEARER_TOKEN when that is set too. */
  actionsTokens: string[]
  repos: RepoRule[]
  eventTypes: string[]
  workflows: string[]
}

const checked = (valid: (name: string) => boolean) => (entry: string) => {
  if (!valid(entry)) throw new Error('is not a valid name')
  return entry
}

export function readGitHubRelaySettings(reader: SettingsReader): GitHubRelaySettings {
  return {
    upstream: readGitHubUpstream(reader),
    actionsTokens: reader.callerSecrets('ACTIONS_TOKEN', 'CHATGPT_BEARER_TOKEN'),
    repos: reader.list('ALLOWED_REPOS', parseRepoRule, { required: true }),
    // Event types and workflows may stay empty: those operations then refuse everything.
    eventTypes: reader.list('ALLOWED_EVENT_TYPES', checked(isEventType)),
    workflows: reader.list('ALLOWED_WORKFLOWS', checked(isWorkflowFile)),
    rateLimits: { github: reader.rateLimit(githubRateLimit) },
  }
}
