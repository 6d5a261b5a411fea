import { EventType, WorkflowFile } from '../../upstreams/github/contract/names.js'
import type { Env } from '../../platform/env.js'
import { readGitHubUpstream, type GitHubUpstream } from '../../upstreams/github/settings.js'
import { perEnv } from '../../platform/per-env.js'
import { isRelayEnabled } from '../../platform/relays-enabled.js'
import { effectiveEnv, isSandbox } from '../../platform/sandbox.js'
import { disabledRelay, SettingsReader } from '../../platform/settings.js'
import { parseRepoRule, type RepoRule } from '../../upstreams/github/repo-rule.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'

export interface GitHubRelaySettings extends RateLimitSettings {
  upstream: GitHubUpstream
  /** ACTIONS_TOKEN, and seed 000's CHATGPT_BEARER_TOKEN when that is set too. */
  actionsTokens: string[]
  repos: RepoRule[]
  eventTypes: string[]
  workflows: string[]
}

const checked = (schema: typeof EventType | typeof WorkflowFile) => (entry: string) => {
  if (!schema.safeParse(entry).success) throw new Error('is not a valid name')
  return entry
}

export const githubRelayState = perEnv((given: Env) => {
  if (!isRelayEnabled(given, 'github')) return disabledRelay
  const env = effectiveEnv(given)
  const reader = new SettingsReader(env, { sandbox: isSandbox(given) })
  const upstream = readGitHubUpstream(reader, given)
  const actionsTokens = reader.callerSecrets('ACTIONS_TOKEN', 'CHATGPT_BEARER_TOKEN')
  const repos = reader.list('ALLOWED_REPOS', parseRepoRule, { required: true })
  // Event types and workflows may stay empty: those operations then refuse everything.
  const eventTypes = reader.list('ALLOWED_EVENT_TYPES', checked(EventType))
  const workflows = reader.list('ALLOWED_WORKFLOWS', checked(WorkflowFile))
  const rateLimits = { github: reader.rateLimit('github') }
  return reader.finish((): GitHubRelaySettings => ({ upstream, actionsTokens, repos, eventTypes, workflows, rateLimits }))
})
