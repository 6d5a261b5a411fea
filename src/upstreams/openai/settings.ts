import type { SettingsReader } from '../../platform/settings.js'
import { readUpstream, type Upstream } from '../../platform/upstream-settings.js'

declare module '../../platform/env.js' {
  interface Env {
    OPENAI_API_KEY?: string
    /** Base URL of the OpenAI API, up to and including `/v1`. */
    OPENAI_API_URL?: string
    /** How long relaykit waits for OpenAI's answer to begin (a stream may then run longer). */
    OPENAI_TIMEOUT_MS?: string
  }
}

/** OpenAI, up to and including `/v1`; the secret is OPENAI_API_KEY. */
export type OpenAIUpstream = Upstream

/** Long completions take a while to start when not streamed; a stream then runs as long as OpenAI sends. */
const DEFAULT_TIMEOUT_MS = 60_000

/** Reads the OpenAI settings the openai, gateway and chatkit relays share. */
export const readOpenAIUpstream = (reader: SettingsReader): OpenAIUpstream =>
  readUpstream(reader, {
    url: ['OPENAI_API_URL', 'https://api.openai.com/v1'],
    secret: 'OPENAI_API_KEY',
    timeoutMs: ['OPENAI_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 300_000],
  })

/** The name relays ask the app's dependencies for this upstream's fetch by. */
export const OPENAI_UPSTREAM = 'openai'
