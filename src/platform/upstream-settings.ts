import type { Env, SettingName } from './env.js'
import { SANDBOX_REFUSED, sandboxMode } from './sandbox.js'
import type { SettingsReader } from './settings.js'

/** Where an upstream is, the secret relaykit calls it with, and how long it waits for an answer. */
export interface Upstream {
  /** No trailing slash. */
  baseUrl: string
  secret: string
  timeoutMs: number
  /** The sandbox's embedded fake answers instead of the network. */
  sandbox: boolean
}

export interface UpstreamSettings {
  url: [name: SettingName, fallback: string]
  secret: [name: SettingName, sandboxValue: string]
  timeoutMs: [name: SettingName, fallback: number, max: number]
}

/**
 * Reads one upstream's settings. In the sandbox the secret is the public sandbox value and the
 * embedded fake answers; next to a real upstream secret the sandbox is refused (sandbox.ts).
 */
export function readUpstream(reader: SettingsReader, env: Env, { url, secret, timeoutMs }: UpstreamSettings): Upstream {
  const timeout = reader.integer(timeoutMs[0], timeoutMs[1], 1, timeoutMs[2])
  const baseUrl = reader.url(url[0], url[1])
  const mode = sandboxMode(env)
  if (mode === 'refused') reader.invalid.push(SANDBOX_REFUSED)
  if (mode !== 'off') return { baseUrl, secret: secret[1], timeoutMs: timeout, sandbox: true }
  return { baseUrl, secret: reader.required(secret[0]), timeoutMs: timeout, sandbox: false }
}
