import { SANDBOX_OPENAI_API_KEY } from '../../sandbox/defaults.js'
import type { Env } from '../../platform/env.js'
import type { SettingsReader } from '../../platform/settings.js'
import { readUpstream, type Upstream } from '../../platform/upstream-settings.js'

/** OpenAI, up to and including `/v1`; the secret is OPENAI_API_KEY. */
export type OpenAIUpstream = Upstream

/** Long completions take a while to start when not streamed; a stream then runs as long as OpenAI sends. */
const DEFAULT_TIMEOUT_MS = 60_000

/** Reads the OpenAI settings the openai, gateway and chatkit relays share. */
export const readOpenAIUpstream = (reader: SettingsReader, env: Env): OpenAIUpstream =>
  readUpstream(reader, env, {
    url: ['OPENAI_API_URL', 'https://api.openai.com/v1'],
    secret: ['OPENAI_API_KEY', SANDBOX_OPENAI_API_KEY],
    timeoutMs: ['OPENAI_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 300_000],
  })
