import type { Env } from '../../platform/env.js'
import { parseRepoRule, type RepoRule } from '../../upstreams/github/repo-rule.js'
import { readGitHubUpstream, type GitHubUpstream } from '../../upstreams/github/settings.js'
import { perEnv } from '../../platform/per-env.js'
import { isRelayEnabled } from '../../platform/relays-enabled.js'
import { effectiveEnv, isSandbox } from '../../platform/sandbox.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import { disabledRelay, SettingsReader } from '../../platform/settings.js'

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

export const operatorRelayState = perEnv((given: Env) => {
  if (!isRelayEnabled(given, 'operator')) return disabledRelay
  const env = effectiveEnv(given)
  const reader = new SettingsReader(env, { sandbox: isSandbox(given) })
  const upstream = readGitHubUpstream(reader, given)
  const [relaySecret = ''] = reader.callerSecrets('RELAY_SECRET')
  const [repo] = reader.list('OPERATOR_REPO', parseSingleRepo, { required: true })
  const rateLimits = { operator: reader.rateLimit('operator') }
  return reader.finish((): OperatorRelaySettings => ({ upstream, relaySecret, repo: repo!, rateLimits }))
})
