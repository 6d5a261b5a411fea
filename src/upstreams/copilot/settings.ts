/** The Copilot editors' own GitHub App: its tokens (`ghu_…`) are the ones the Copilot token exchange accepts. */
export const COPILOT_EDITOR_CLIENT_ID = 'Iv1.b507a08c87ecfe98'

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

/** How relaykit reaches the network (the real fetch, or a fake's). */
export type Fetch = (request: Request) => Promise<Response>

/** What every call to GitHub or Copilot needs. */
export interface CopilotDeps {
  fetch: Fetch
  settings: CopilotSettings
}
