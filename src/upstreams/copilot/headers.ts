// Copilot serves the editors it knows; relaykit introduces itself as VS Code's Copilot Chat.
// Both versions live here so one change moves every call.

export const EDITOR_VERSION = 'vscode/1.109.2'
export const COPILOT_CHAT_VERSION = '0.37.5'
const GITHUB_API_VERSION = '2025-04-01'

/** Who started a call: a person's turn, or an agent's follow-up (which Copilot does not bill as a premium request). */
export type Initiator = 'user' | 'agent'

const editorHeaders = {
  'editor-version': EDITOR_VERSION,
  'editor-plugin-version': `copilot-chat/${COPILOT_CHAT_VERSION}`,
  'user-agent': `GitHubCopilotChat/${COPILOT_CHAT_VERSION}`,
  'x-github-api-version': GITHUB_API_VERSION,
  'x-vscode-user-agent-library-version': 'electron-fetch',
}

/** Headers for GitHub, with the account's GitHub token when the call needs one (all but the device flow). */
export function githubHeaders(githubToken?: string): Headers {
  const headers = new Headers({ ...editorHeaders, 'content-type': 'application/json', accept: 'application/json' })
  if (githubToken) headers.set('authorization', `token ${githubToken}`)
  return headers
}

export interface CopilotCall {
  copilotToken: string
  /** Omitted for calls no one is billed for (the model list, embeddings). */
  initiator?: Initiator
  /** Whether the request holds an image. */
  vision?: boolean
}

/**
 * Headers for Copilot's API, built from nothing but the call: none of the caller's own headers
 * (their relaykit key above all) can reach Copilot. Every call gets a new request id.
 */
export function copilotHeaders({ copilotToken, initiator, vision }: CopilotCall): Headers {
  const headers = new Headers({
    ...editorHeaders,
    authorization: `Bearer ${copilotToken}`,
    'content-type': 'application/json',
    'copilot-integration-id': 'vscode-chat',
    'openai-intent': 'conversation-panel',
    'x-request-id': crypto.randomUUID(),
  })
  if (initiator) headers.set('x-initiator', initiator)
  if (vision) headers.set('copilot-vision-request', 'true')
  return headers
}
