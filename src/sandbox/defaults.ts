import type { Env } from '../platform/env.js'

// Public values for the local sandbox only. They unlock nothing real: in the sandbox every
// upstream is an embedded fake, and the sandbox refuses to start when GITHUB_TOKEN is set.

export const SANDBOX_ACTIONS_TOKEN = 'sandbox-actions-token'
export const SANDBOX_RELAY_SECRET = 'sandbox-relay-secret'
export const SANDBOX_AUDIT_TOKEN = 'sandbox-audit-token'
export const SANDBOX_GITHUB_TOKEN = 'sandbox-github-token'
export const SANDBOX_OPENAI_API_KEY = 'sandbox-openai-api-key'
export const SANDBOX_OPENAI_RELAY_SECRET = 'sandbox-openai-relay-secret'
/** The sandbox's embedded fake sign-in provider (a reserved domain: nothing real answers there). */
export const SANDBOX_ISSUER = 'https://issuer.relaykit-sandbox.invalid'
export const SANDBOX_AUDIENCE = 'relaykit-sandbox'
export const SANDBOX_ENTITLEMENT = 'ai_preprocessing'
/** Sandbox users: who holds the gateway's entitlement, and who does not. */
export const SANDBOX_USERS = { alice: ['reports', 'exports', SANDBOX_ENTITLEMENT], bob: ['reports'] } as const satisfies Record<string, readonly string[]>
/** The sandbox's ChatKit workflows (the default, and one a page may choose by name); the fake ChatKit knows no others. */
export const SANDBOX_CHATKIT_WORKFLOWS = { default: 'wf_sandbox_assistant', support: 'wf_sandbox_support' } as const

export const sandboxDefaults: Env = {
  ACTIONS_TOKEN: SANDBOX_ACTIONS_TOKEN,
  RELAY_SECRET: SANDBOX_RELAY_SECRET,
  AUDIT_TOKEN: SANDBOX_AUDIT_TOKEN,
  ALLOWED_REPOS: 'octo-org/*',
  ALLOWED_EVENT_TYPES: 'deploy-preview,run-tests',
  ALLOWED_WORKFLOWS: 'ci.yml,deploy.yml',
  OPERATOR_REPO: 'octo-org/hivemind',
  OPENAI_RELAY_SECRET: SANDBOX_OPENAI_RELAY_SECRET,
  OPENAI_MODELS: 'gpt-4o-mini,gpt-4o',
  OIDC_ISSUER: SANDBOX_ISSUER,
  OIDC_AUDIENCE: SANDBOX_AUDIENCE,
  ENTITLEMENTS_API_URL: `${SANDBOX_ISSUER}/account_api/v1/entitlements`,
  GATEWAY_ENTITLEMENT: SANDBOX_ENTITLEMENT,
  CHATKIT_WORKFLOW_ID: SANDBOX_CHATKIT_WORKFLOWS.default,
  CHATKIT_WORKFLOWS: `support=${SANDBOX_CHATKIT_WORKFLOWS.support}`,
  CHATKIT_COOKIE_SECRET: 'sandbox-chatkit-cookie-secret',
}
