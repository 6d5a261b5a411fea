export const DEFAULT_COPILOT_API_URL = 'https://api.githubcopilot.com'

const COPILOT_DOMAIN = 'githubcopilot.com'
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export interface BaseUrlInputs {
  /** The base URL setting: when set, it wins (tests and the sandbox point it at fakes). */
  configured?: string
  /** `endpoints.api` of the Copilot token. */
  tokenApiEndpoint?: string
  /** The caller's `x-copilot-account-type` header. */
  accountType?: string | null
}

/**
 * The origin of an https URL on Copilot's own domain, or undefined. Only the host decides:
 * no user info, port, path, query or fragment may ride along.
 */
function copilotOrigin(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  const onCopilot = url.hostname === COPILOT_DOMAIN || url.hostname.endsWith(`.${COPILOT_DOMAIN}`)
  const bare = !url.username && !url.password && !url.port && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash
  return url.protocol === 'https:' && onCopilot && bare ? url.origin : undefined
}

/**
 * Where the account's Copilot API calls go. The token names its own API host; a caller may only
 * choose a plan's subdomain of Copilot's domain, as one DNS label; no input can name another host.
 */
export function copilotBaseUrl({ configured, tokenApiEndpoint, accountType }: BaseUrlInputs): string {
  if (configured) return configured.replace(/\/+$/, '')
  const fromToken = tokenApiEndpoint === undefined ? undefined : copilotOrigin(tokenApiEndpoint)
  if (fromToken) return fromToken
  if (accountType && DNS_LABEL.test(accountType)) return `https://api.${accountType}.${COPILOT_DOMAIN}`
  return DEFAULT_COPILOT_API_URL
}
