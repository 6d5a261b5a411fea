import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env as bindings } from 'cloudflare:workers'
import { createRelaykitClient } from '../../generated/client.js'
import { createApp } from '../../src/app.js'
import { sandbox } from '../../src/sandbox/sandbox.js'
import type { Env } from '../../src/platform/env.js'
import { createFakeGitHub, type FakeGitHub } from '../../src/upstreams/github/fake/fake-github.js'
import { createFakeIdentity } from '../../src/upstreams/identity/fake/fake-identity.js'
import { createFakeOpenAI, type FakeOpenAIOptions } from '../../src/upstreams/openai/fake/fake-openai.js'
import { COPILOT_UPSTREAM } from '../../src/upstreams/copilot/settings.js'
import { GITHUB_UPSTREAM } from '../../src/upstreams/github/settings.js'
import { IDENTITY_UPSTREAM } from '../../src/upstreams/identity/settings.js'
import { OPENAI_UPSTREAM } from '../../src/upstreams/openai/settings.js'
import { checkGitHubRequest, checkGitHubResponse } from './github-contract.js'

export const ORIGIN = 'https://relaykit.test'

/** Test secrets. None of these may ever appear in a log line. */
export const secrets = {
  GITHUB_TOKEN: 'ghp_TEST0github0token0never0logged',
  ACTIONS_TOKEN: 'actions-token-0123456789abcdef0123456789',
  CHATGPT_BEARER_TOKEN: 'older-chatgpt-bearer-token-0123456789abcdef',
  RELAY_SECRET: 'relay-secret-0123456789abcdef0123456789',
  OPENAI_API_KEY: 'sk-TEST0openai0key0never0logged00000000',
  OPENAI_RELAY_SECRET: 'openai-relay-secret-0123456789abcdef01234',
} as const

/** The test sign-in provider (a fake Kinde business). */
export const identity = {
  issuer: 'https://acme.kinde.test',
  audience: 'https://relaykit.test/api',
  entitlement: 'ai_preprocessing',
  /** alice holds the entitlement on the second page of her entitlements, carol on the first; bob does not hold it. */
  entitlements: { alice: ['reports', 'exports', 'ai_preprocessing'], bob: ['reports'], carol: ['ai_preprocessing'] },
} as const

/** Miniflare's real Durable Objects, D1 and static assets, as wrangler.toml declares them. */
export const stateBindings: Env = {
  ASSETS: bindings.ASSETS,
  RATE_LIMITER: bindings.RATE_LIMITER,
  IDEMPOTENCY: bindings.IDEMPOTENCY,
  CHATKIT_SESSIONS: bindings.CHATKIT_SESSIONS,
  COPILOT_ACCOUNTS: bindings.COPILOT_ACCOUNTS,
  COPILOT_SIGN_INS: bindings.COPILOT_SIGN_INS,
  AUDIT_DB: bindings.AUDIT_DB,
}

export const baseEnv: Env = {
  ...stateBindings,
  ...secrets,
  GITHUB_API_URL: 'https://github-api.test',
  ALLOWED_REPOS: 'octo-org/hello-world,octo-org/hivemind',
  ALLOWED_EVENT_TYPES: 'deploy-preview',
  ALLOWED_WORKFLOWS: 'ci.yml',
  OPERATOR_REPO: 'octo-org/hivemind',
  ALLOWED_ORIGINS: 'https://app.example.com',
  OPENAI_API_URL: 'https://openai-api.test/v1',
  OPENAI_MODELS: 'gpt-4o-mini,gpt-4o',
  OIDC_ISSUER: identity.issuer,
  OIDC_AUDIENCE: identity.audience,
  ENTITLEMENTS_API_URL: `${identity.issuer}/account_api/v1/entitlements`,
  GATEWAY_ENTITLEMENT: identity.entitlement,
  // Every test shares these credentials, so their buckets; tests of the limits set their own.
  RATE_LIMIT_GITHUB: '1000/second',
  RATE_LIMIT_OPERATOR: '1000/second',
  RATE_LIMIT_OPENAI: '1000/second',
  RATE_LIMIT_GATEWAY: '1000/second',
}

/** Breach lists of every relaykit built in the current test; test/support/setup.ts checks them. */
export const breachesOfThisTest: string[][] = []

export interface Fakes {
  /** Options of the fake OpenAI. */
  openai?: FakeOpenAIOptions
  /** Builds the sandbox's app (the test's fakes still answer instead of the sandbox's). */
  sandbox?: boolean
  /** Answers OpenAI requests instead of the fake OpenAI (e.g. a fake ChatKit API). */
  openaiFetch?: (request: Request) => Promise<Response>
  /** Answers the Copilot bridge's requests to GitHub and Copilot. */
  copilotFetch?: (request: Request) => Promise<Response>
}

/**
 * relaykit built with fake upstreams: GitHub, OpenAI and a sign-in provider. Every request
 * relaykit sends to GitHub is checked against GitHub's official OpenAPI description, and so is
 * every successful answer the fake gives; a breach fails the test (test/support/setup.ts).
 */
export function relaykit(overrides: Partial<Env> = {}, fakes: Fakes = {}) {
  const openai = createFakeOpenAI({ apiKey: secrets.OPENAI_API_KEY, ...fakes.openai })
  const identityProvider = createFakeIdentity({ issuer: identity.issuer, audience: identity.audience, entitlements: identity.entitlements })
  const fake = createFakeGitHub()
  // Answers forced with failNext are off-contract on purpose; only the fake's own are checked.
  let forced = 0
  const github: FakeGitHub = {
    fetch: (request) => fake.fetch(request),
    get received() {
      return fake.received
    },
    failNext: (failure) => {
      forced += 1
      fake.failNext(failure)
    },
    reset: () => {
      forced = 0
      fake.reset()
    },
  }
  const githubContractBreaches: string[] = []
  breachesOfThisTest.push(githubContractBreaches)
  const githubFetch = async (request: Request) => {
    const body = request.body === null ? null : await request.clone().text()
    let operationId: string | undefined
    try {
      operationId = checkGitHubRequest(request.method, request.url, request.headers, body).operationId
    } catch (error) {
      githubContractBreaches.push(`request: ${(error as Error).message}`)
    }
    const wasForced = forced > 0
    forced = Math.max(0, forced - 1)
    const response = await github.fetch(request)
    if (operationId && response.ok && !wasForced) {
      try {
        checkGitHubResponse(operationId, response.status, await response.clone().text())
      } catch (error) {
        githubContractBreaches.push(`fake response: ${(error as Error).message}`)
      }
    }
    return response
  }
  const env: Env = { ...baseEnv, ...overrides }
  const app = createApp({
    fetch: {
      [GITHUB_UPSTREAM]: githubFetch,
      [OPENAI_UPSTREAM]: fakes.openaiFetch ?? openai.fetch,
      [IDENTITY_UPSTREAM]: identityProvider.fetch,
      ...(fakes.copilotFetch ? { [COPILOT_UPSTREAM]: fakes.copilotFetch } : {}),
    },
    sandbox: fakes.sandbox ? sandbox : undefined,
  })
  const contexts: ExecutionContext[] = []
  const fetch = (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(input, ORIGIN), init)
    const context = createExecutionContext()
    contexts.push(context)
    return app.fetch(request, env, context)
  }
  /** Waits for the work done after answers (the audit trail's inserts). */
  const settled = () => Promise.all(contexts.splice(0).map((context) => waitOnExecutionContext(context)))
  const client = (token?: string) => createRelaykitClient({ baseUrl: ORIGIN, token, fetch: async (request: Request) => fetch(request) })
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { github, githubContractBreaches, openai, identity: identityProvider, env, app, fetch, post, client, settled }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
