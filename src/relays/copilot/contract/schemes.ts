// How callers of the Copilot bridge prove themselves: a relaykit key on the OpenAI-compatible
// paths (as OpenAI's SDKs send an API key, or as Anthropic's do), and on the setup page a
// short-lived session from a fresh GitHub sign-in.

export const COPILOT_KEY_SCHEME = 'copilotKey'
export const COPILOT_API_KEY_SCHEME = 'copilotApiKey'
export const COPILOT_SESSION_SCHEME = 'copilotSession'

/** Sent as `__Host-relaykit_copilot_session` over https; bare only over plain http, as in the local sandbox. */
export const SESSION_COOKIE = 'relaykit_copilot_session'

export const ACCOUNT_TYPE_HEADER = 'x-copilot-account-type'
export const API_KEY_HEADER = 'x-api-key'

export const keySecurity: Record<string, string[]>[] = [{ [COPILOT_KEY_SCHEME]: [] }, { [COPILOT_API_KEY_SCHEME]: [] }]
export const sessionSecurity: Record<string, string[]>[] = [{ [COPILOT_SESSION_SCHEME]: [] }]

export const copilotSecuritySchemes = {
  [COPILOT_KEY_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description: "A relaykit key of the account (`acpc-…`), made on the setup page at /copilot: what OpenAI's SDKs send as their API key.",
  },
  [COPILOT_API_KEY_SCHEME]: {
    type: 'apiKey',
    in: 'header',
    name: API_KEY_HEADER,
    description: "The same key in `x-api-key`, as Anthropic's SDKs and Claude Code send it.",
  },
  [COPILOT_SESSION_SCHEME]: {
    type: 'apiKey',
    in: 'cookie',
    name: `__Host-${SESSION_COOKIE}`,
    description: `The setup page's session: a signed, HttpOnly, SameSite=Strict cookie set by a GitHub sign-in (\`${SESSION_COOKIE}\` over plain http), good for 15 minutes. Browsers send it themselves; it is honoured from relaykit's own origin only.`,
  },
}
