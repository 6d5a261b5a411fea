import type { Env } from '../platform/env.js'
import { FAKE_OCTOCAT } from '../upstreams/copilot/fake/fake-github.js'
import { FAKE_COPILOT_API_URL, FAKE_GITHUB_API_URL, FAKE_GITHUB_URL } from '../upstreams/copilot/fake/fake-upstreams.js'

// Public values for the local sandbox only. They unlock nothing real: in the sandbox every
// upstream is an embedded fake, and the sandbox refuses to run next to a real upstream secret.
// Each relay's own sandbox values are in its module.

/** The sandbox's embedded fake sign-in provider (a reserved domain: nothing real answers there). */
export const SANDBOX_ISSUER = 'https://issuer.relaykit-sandbox.invalid'
export const SANDBOX_AUDIENCE = 'relaykit-sandbox'
/** Sandbox users: who holds the gateway's entitlement (ai_preprocessing), and who does not. */
export const SANDBOX_USERS = { alice: ['reports', 'exports', 'ai_preprocessing'], bob: ['reports'] } as const satisfies Record<string, readonly string[]>

/** What the sandbox's fake Copilot answers: Markdown, long enough to watch it stream (and to stop it). */
export const SANDBOX_COPILOT_REPLY =
  'Hello from the **sandbox** Copilot: no prompt left this machine.\n\nThis answer streams word by word, so the `Stop` button has something to stop. Point any OpenAI SDK at `/octocat/v1` with the key `sandbox-copilot-key` to get it too.'

/** Setting any of these means a real deployment, never the sandbox. */
export const REAL_UPSTREAM_SECRETS = ['GITHUB_TOKEN', 'OPENAI_API_KEY'] as const

/** The upstreams' settings in the sandbox: secrets the fakes accept, and the fake issuer. */
export const upstreamDefaults: Partial<Env> = {
  GITHUB_TOKEN: 'sandbox-github-token',
  OPENAI_API_KEY: 'sandbox-openai-api-key',
  OIDC_ISSUER: SANDBOX_ISSUER,
  OIDC_AUDIENCE: SANDBOX_AUDIENCE,
  ENTITLEMENTS_API_URL: `${SANDBOX_ISSUER}/account_api/v1/entitlements`,
  // The Copilot bridge reaches the fake GitHub and Copilot, and keeps the fake GitHub's octocat signed up.
  COPILOT_API_URL: FAKE_COPILOT_API_URL,
  COPILOT_GITHUB_URL: FAKE_GITHUB_URL,
  COPILOT_GITHUB_API_URL: FAKE_GITHUB_API_URL,
  COPILOT_SANDBOX_GITHUB_TOKEN: FAKE_OCTOCAT.githubToken,
}
