import type { SettingsReader } from '../../platform/settings.js'

declare module '../../platform/env.js' {
  interface Env {
    /** When set, every Copilot API call goes here, whatever the Copilot token or the caller names (tests and the sandbox point it at fakes). */
    COPILOT_API_URL?: string
    /** GitHub's web origin, which runs the device flow. */
    COPILOT_GITHUB_URL?: string
    /** GitHub's REST API: the Copilot token exchange, the quota, `GET /user`. */
    COPILOT_GITHUB_API_URL?: string
    /** The OAuth app whose device flow signs people in (Copilot's editors' own by default). */
    COPILOT_CLIENT_ID?: string
    /** How long relaykit waits for GitHub or Copilot to begin answering (a stream may then run longer). */
    COPILOT_TIMEOUT_MS?: string
  }
}

/** The Copilot editors' own GitHub App: its tokens (`ghu_…`) are the ones the Copilot token exchange accepts. */
export const COPILOT_EDITOR_CLIENT_ID = 'Iv1.b507a08c87ecfe98'

/** The name relays ask the app's dependencies for this upstream's fetch by: GitHub and Copilot, reached alike. */
export const COPILOT_UPSTREAM = 'copilot'

/** Where relaykit reaches GitHub and Copilot for the Copilot bridge. Every URL has no trailing slash. */
export interface CopilotSettings {
  /** GitHub's web origin, which runs the device flow. */
  githubWebUrl: string
  /** GitHub's REST API: the token exchange, the quota, `/user`. */
  githubApiUrl: string
  /** When set, every Copilot API call goes here, whatever the token or the caller names. */
  copilotApiUrl?: string
  /** The OAuth app whose device flow signs people in. */
  clientId: string
  scope: string
  /** How long relaykit waits for an answer to begin. */
  timeoutMs: number
}

export const DEFAULT_COPILOT_SETTINGS: CopilotSettings = {
  githubWebUrl: 'https://github.com',
  githubApiUrl: 'https://api.github.com',
  clientId: COPILOT_EDITOR_CLIENT_ID,
  scope: 'read:user',
  timeoutMs: 60_000,
}

const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/

function parseClientId(entry: string): string {
  if (!CLIENT_ID.test(entry)) throw new Error('must be an OAuth client id like Iv1.b507a08c87ecfe98')
  return entry
}

/** Reads where relaykit reaches GitHub and Copilot: the real hosts unless configured. */
export function readCopilotSettings(reader: SettingsReader, env: { COPILOT_API_URL?: string }): CopilotSettings {
  return {
    githubWebUrl: reader.url('COPILOT_GITHUB_URL', DEFAULT_COPILOT_SETTINGS.githubWebUrl),
    githubApiUrl: reader.url('COPILOT_GITHUB_API_URL', DEFAULT_COPILOT_SETTINGS.githubApiUrl),
    copilotApiUrl: env.COPILOT_API_URL?.trim() ? reader.url('COPILOT_API_URL', '') : undefined,
    clientId: reader.list('COPILOT_CLIENT_ID', parseClientId)[0] ?? DEFAULT_COPILOT_SETTINGS.clientId,
    scope: DEFAULT_COPILOT_SETTINGS.scope,
    timeoutMs: reader.integer('COPILOT_TIMEOUT_MS', DEFAULT_COPILOT_SETTINGS.timeoutMs, 1, 600_000),
  }
}

/** How relaykit reaches the network (the real fetch, or a fake's). */
export type Fetch = (request: Request) => Promise<Response>

/** What every call to GitHub or Copilot needs. */
export interface CopilotDeps {
  fetch: Fetch
  settings: CopilotSettings
}
