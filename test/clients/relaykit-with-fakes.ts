/// <reference types="node" />
// The deployment the real-client tests talk to: relaykit under `wrangler dev`, NOT in sandbox mode,
// with the openai and gateway relays configured like production except that OPENAI_API_URL and the
// issuer point at the sandbox's fakes, served over HTTP on loopback from the test's own process
// (so a test reads the fakes' records directly).
import { createFakeIdentity, type FakeIdentity } from '../../src/upstreams/identity/fake/fake-identity.js'
import { createFakeOpenAI, type FakeOpenAI } from '../../src/upstreams/openai/fake/fake-openai.js'
import { startWranglerDev } from '../support/wrangler-dev-process.js'
import { withLoopbackFakes } from './loopback-server.js'

/** Callers' secret: production-length (32+ characters), since this is not the sandbox. */
export const RELAY_SECRET = 'clients-test-openai-relay-secret-7f3a9c2e'
/** relaykit's own OpenAI key; callers never see it, and the fake OpenAI accepts only it. */
export const OPENAI_API_KEY = 'sk-clients-test-upstream-key'
export const MODELS = ['gpt-4o-mini', 'gpt-4o'] as const
export const AUDIENCE = 'https://relaykit.clients-test.example/api'
export const ENTITLEMENT = 'ai_chat'
/** alice holds the entitlement on the Account API's second page (pages of 2); bob does not. */
export const USERS = { alice: ['reports', 'exports', ENTITLEMENT], bob: ['reports'] } as const

/** One word per streamed chunk; short, so every stream is quick even with the delay below. */
export const REPLY = 'Hello from the fake OpenAI, one word at a time.'
/** Between streamed chunks: long enough that a stream buffered until its end shows. */
export const CHUNK_DELAY_MS = 40

export const RELAYS_UNDER_TEST = ['openai', 'gateway'] as const

export interface RelaykitWithFakes {
  /** relaykit's base URL, e.g. http://127.0.0.1:41234. */
  baseUrl: string
  openai: FakeOpenAI
  identity: FakeIdentity
  /** wrangler's output, for failure messages. */
  log(): string
  stop(): Promise<void>
}

/** GET /health must show both relays ready; otherwise say what relaykit found missing or invalid. */
async function requireRelaysReady(baseUrl: string, log: () => string) {
  const health = (await (await fetch(`${baseUrl}/health`)).json()) as { relays: Record<string, { ready: boolean; missing: string[]; invalid: string[] } | undefined> }
  const problems = RELAYS_UNDER_TEST.flatMap((name) => {
    const relay = health.relays[name]
    if (!relay) return [`${name}: not in /health`]
    return relay.ready ? [] : [`${name}: missing ${JSON.stringify(relay.missing)}, invalid ${JSON.stringify(relay.invalid)}`]
  })
  if (problems.length > 0) throw new Error(`relaykit is not ready under wrangler dev: ${problems.join('; ')}\n--- wrangler output ---\n${log()}`)
}

/** `vars` replace the defaults below (a test of rate limits sets its own). */
export async function startRelaykitWithFakes(vars: Record<string, string> = {}): Promise<RelaykitWithFakes> {
  return withLoopbackFakes(async (serve) => {
    const openaiServer = await serve(() => createFakeOpenAI({ apiKey: OPENAI_API_KEY, reply: REPLY, chunkDelayMs: CHUNK_DELAY_MS }))
    // The issuer's tokens name the address it is served on.
    const issuerServer = await serve((issuer) => createFakeIdentity({ issuer, audience: AUDIENCE, entitlements: USERS }))
    const issuer = issuerServer.origin
    const wrangler = await startWranglerDev({
      vars: {
        RELAYS: RELAYS_UNDER_TEST.join(','),
        OPENAI_API_URL: `${openaiServer.origin}/v1`,
        OPENAI_API_KEY,
        OPENAI_RELAY_SECRET: RELAY_SECRET,
        OPENAI_MODELS: MODELS.join(','),
        OPENAI_MAX_TOKENS: '256',
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: AUDIENCE,
        ENTITLEMENTS_API_URL: `${issuer}/account_api/v1/entitlements`,
        GATEWAY_ENTITLEMENT: ENTITLEMENT,
        // Many requests from one address and one user in a few seconds; limits have their own tests.
        RATE_LIMIT_OPENAI: 'off',
        RATE_LIMIT_GATEWAY: 'off',
        ...vars,
      },
    })
    try {
      await requireRelaysReady(wrangler.baseUrl, wrangler.log)
    } catch (error) {
      await wrangler.stop()
      throw error
    }
    return { wrangler, baseUrl: wrangler.baseUrl, openai: openaiServer.handler, identity: issuerServer.handler, log: wrangler.log }
  })
}
