import type { SettingName } from './env.js'
import type { SettingsReader } from './settings.js'

/** Where an upstream is, the secret relaykit calls it with, and how long it waits for an answer. */
export interface Upstream {
  /** No trailing slash. */
  baseUrl: string
  secret: string
  timeoutMs: number
}

export interface UpstreamSettings {
  url: [name: SettingName, fallback: string]
  secret: SettingName
  timeoutMs: [name: SettingName, fallback: number, max: number]
}

/** Reads one upstream's settings: its base URL (the real host unless configured), its secret and its timeout. */
export function readUpstream(reader: SettingsReader, { url, secret, timeoutMs }: UpstreamSettings): Upstream {
  return { baseUrl: reader.url(url[0], url[1]), secret: reader.required(secret), timeoutMs: reader.integer(timeoutMs[0], timeoutMs[1], 1, timeoutMs[2]) }
}
