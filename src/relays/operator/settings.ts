import type { RateLimitPolicy } from '../../platform/rate-limit/policies.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import type { SettingsReader } from '../../platform/settings.js'
import { parseRepoRule, type RepoRule } from '../../upstreams/github/repo-rule.js'
import { type GitHubUpstream, readGitHubUpstream } from '../../upstreams/github/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    RELAY_SECRET?: string
    OPERATOR_REPO?: string
    /** Token bucket of the operator relay, per client IP. */
    RATE_LIMIT_OPERATOR?: string
  }
}

/** 10 a minute per client address: each run starts a costly workflow. */
export const operatorRateLimit: RateLimitPolicy = { name: 'operator', setting: 'RATE_LIMIT_OPERATOR', fallback: '10/minute', key: 'ip' }

export interface OperatorRelaySettings extends RateLimitSettings {
  upstream: GitHubUpstream
  relaySecret: string
  /** The one repository `hive-execute` is sent to. */
  repo: { owner: string; repo: string }
}

function parseSingleRepo(entry: string): RepoRule & { repo: string } {
  const rule = parseRepoRule(entry)
  if (rule.repo === '*') throw new Error('must name one repository, not `owner/*`')
  return { owner: rule.owner, repo: rule.repo }
}

export function readOperatorRelaySettings(reader: SettingsReader): OperatorRelaySettings {
  return {
    upstream: readGitHubUpstream(reader),
    relaySecret: reader.callerSecrets('RELAY_SECRET')[0] ?? '',
    repo: reader.one('OPERATOR_REPO', parseSingleRepo),
    rateLimits: { operator: reader.rateLimit(operatorRateLimit) },
  }
}
