import { isRepoAllowed } from '../../upstreams/github/repo-rule.js'
import { RelayError } from '../../platform/relay-error.js'
import type { GitHubRelaySettings } from './settings.js'

// Server-side allowlists: what the GPT may touch, whatever the GitHub token could reach.

export function assertRepoAllowed(settings: GitHubRelaySettings, owner: string, repo: string): void {
  if (!isRepoAllowed(settings.repos, owner, repo)) {
    throw new RelayError(403, 'repo_not_allowed', `The repository ${owner}/${repo} is not in ALLOWED_REPOS, so relaykit will not act on it.`)
  }
}

export function assertEventTypeAllowed(settings: GitHubRelaySettings, eventType: string): void {
  if (!settings.eventTypes.includes(eventType)) {
    throw new RelayError(403, 'event_type_not_allowed', `The event type "${eventType}" is not in ALLOWED_EVENT_TYPES.`)
  }
}

export function assertWorkflowAllowed(settings: GitHubRelaySettings, workflow: string): void {
  if (!settings.workflows.includes(workflow)) {
    throw new RelayError(403, 'workflow_not_allowed', `The workflow "${workflow}" is not in ALLOWED_WORKFLOWS.`)
  }
}
