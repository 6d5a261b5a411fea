/// <reference types="node" />
// relaykit's openai relay as the bench runs it: wrangler dev at the root of the work tree (a copy
// of the repository, with relaykit's own wrangler.toml), not in sandbox mode, pointed at the fake
// OpenAI, with rate limiting off and a token limit high enough for the 100 MB stream.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { CHAT_BODY } from './latency.js'
import { startWranglerDev, type WranglerDev } from './wrangler-process.js'

export const RELAY_PATH = '/relay/openai/v1/chat/completions'
const RELAY_SOURCE = 'src/relays/openai/routes.ts'

export interface RelaykitUnderTest {
  dev: WranglerDev
  /** OPENAI_RELAY_SECRET of this run, sent as the bearer token. */
  secret: string
}

/** Why relaykit cannot be measured yet, or undefined when its openai relay exists. */
export function relayMissing(tree: string): string | undefined {
  return existsSync(resolve(tree, RELAY_SOURCE)) ? undefined : `${RELAY_SOURCE} does not exist yet`
}

/** relaykit from the work tree `tree`, calling the fake OpenAI at `fakeBaseUrl`. */
export async function startRelaykit(tree: string, fakeBaseUrl: string): Promise<RelaykitUnderTest> {
  const secret = `bench-${randomBytes(24).toString('hex')}`
  const dev = await startWranglerDev({
    label: 'relaykit',
    cwd: tree,
    vars: {
      OPENAI_API_URL: `${fakeBaseUrl}/v1`,
      OPENAI_API_KEY: `sk-bench-${randomBytes(12).toString('hex')}`,
      OPENAI_RELAY_SECRET: secret,
      RELAYS: 'openai',
      RATE_LIMIT_OPENAI: 'off',
      OPENAI_MODELS: 'gpt-4o-mini',
      OPENAI_MAX_TOKENS: '100000',
    },
  })
  return { dev, secret }
}

/** Throws, with relaykit's answer and wrangler's output, unless one chat completion works. */
export async function checkRelay({ dev, secret }: RelaykitUnderTest): Promise<void> {
  const response = await fetch(`${dev.baseUrl}${RELAY_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: CHAT_BODY,
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`POST ${RELAY_PATH} answered ${response.status}: ${text.slice(0, 400)}`)
}
