import { SANDBOX_OPENAI_API_KEY } from '../../sandbox/defaults.js'
import type { Env } from '../env.js'
import { SANDBOX_REFUSED, sandboxMode } from '../sandbox.js'
import type { SettingsReader } from '../settings.js'

export interface OpenAIUpstream {
  /** Up to and including `/v1`, no trailing slash. */
  baseUrl: string
  apiKey: string
  /** How long to wait for the answer to begin; a stream then runs as long as OpenAI sends. */
  timeoutMs: number
  /** The sandbox's embedded fake OpenAI answers instead of the network. */
  sandbox: boolean
}

/** Long completions take a while to start when not streamed; ChatGPT-facing routes do not use OpenAI. */
const DEFAULT_TIMEOUT_MS = 60_000

/** Reads the OpenAI settings the openai, gateway and chatkit relays share. */
export function readOpenAIUpstream(reader: SettingsReader, env: Env): OpenAIUpstream {
  const timeoutMs = reader.integer('OPENAI_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 1, 300_000)
  const baseUrl = reader.url('OPENAI_API_URL', 'https://api.openai.com/v1')
  const mode = sandboxMode(env)
  if (mode === 'refused') reader.invalid.push(SANDBOX_REFUSED)
  if (mode !== 'off') return { baseUrl, apiKey: SANDBOX_OPENAI_API_KEY, timeoutMs, sandbox: true }
  return { baseUrl, apiKey: reader.required('OPENAI_API_KEY'), timeoutMs, sandbox: false }
}
