import type { Env } from '../platform/env.js'

// Public values for the local sandbox only. They unlock nothing real: in the sandbox every
// upstream is an embedded fake, and the sandbox refuses to start when GITHUB_TOKEN is set.

export const SANDBOX_ACTIONS_TOKEN = 'sandbox-actions-token'
export const SANDBOX_RELAY_SECRET = 'sandbox-relay-secret'
export const SANDBOX_AUDIT_TOKEN = 'sandbox-audit-token'
export const SANDBOX_GITHUB_TOKEN = 'sandbox-github-token'

export const sandboxDefaults: Env = {
  ACTIONS_TOKEN: SANDBOX_ACTIONS_TOKEN,
  RELAY_SECRET: SANDBOX_RELAY_SECRET,
  AUDIT_TOKEN: SANDBOX_AUDIT_TOKEN,
  ALLOWED_REPOS: 'octo-org/*',
  ALLOWED_EVENT_TYPES: 'deploy-preview,run-tests',
  ALLOWED_WORKFLOWS: 'ci.yml,deploy.yml',
  OPERATOR_REPO: 'octo-org/hivemind',
}
