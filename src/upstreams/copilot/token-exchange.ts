import * as z from 'zod'
import { BoundedMap } from './bounded-map.js'
import { getFromGitHub } from './github-api.js'
import type { CopilotDeps } from './settings.js'
import { singleFlight } from './single-flight.js'

/** A short-lived Copilot token, from the exchange of the account's GitHub token. */
export interface CopilotToken {
  token: string
  /** Unix seconds. */
  expiresAt: number
  /** The API host Copilot named for this account (checked by copilotBaseUrl before use). */
  apiEndpoint?: string
}

const exchangeAnswer = z.object({
  token: z.string().min(1),
  expires_at: z.number(),
  endpoints: z.object({ api: z.string().optional() }).optional(),
})

/** A token is used until 5 minutes before it expires, so no call starts with one about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000
const MAX_ACCOUNTS = 1000

/** One exchange: the account's GitHub token for a Copilot token. */
export async function exchangeGitHubToken(deps: CopilotDeps, githubToken: string, setupPageUrl: string): Promise<CopilotToken> {
  const answer = await getFromGitHub(deps, '/copilot_internal/v2/token', githubToken, setupPageUrl, exchangeAnswer, 'the Copilot token exchange')
  return { token: answer.token, expiresAt: answer.expires_at, apiEndpoint: answer.endpoints?.api }
}

export interface CopilotTokensOptions extends CopilotDeps {
  /** Milliseconds since the epoch. */
  now: () => number
}

/** Whose Copilot token is wanted, and how to get their GitHub token when it must be exchanged. */
export interface TokenSource {
  /** Names the account and its GitHub token: a new sign-in is a new name. */
  account: string
  /** Only asked for when an exchange is needed. */
  githubToken: () => Promise<string>
  /** The setup page, where a person signs in again. */
  setupPageUrl: string
}

/**
 * The Copilot tokens of the accounts this isolate serves, each kept until 5 minutes before it
 * expires. Concurrent callers for one account share one exchange.
 */
export function createCopilotTokens({ now, ...deps }: CopilotTokensOptions) {
  const cached = new BoundedMap<string, CopilotToken>(MAX_ACCOUNTS)
  const once = singleFlight<string, CopilotToken>()

  const fresh = (token: CopilotToken) => token.expiresAt * 1000 - REFRESH_MARGIN_MS > now()

  async function exchange({ account, githubToken, setupPageUrl }: TokenSource): Promise<CopilotToken> {
    const token = await exchangeGitHubToken(deps, await githubToken(), setupPageUrl)
    if (fresh(token)) cached.set(account, token)
    return token
  }

  return {
    /** The account's Copilot token. */
    get(source: TokenSource): Promise<CopilotToken> {
      const token = cached.get(source.account)
      if (token && fresh(token)) return Promise.resolve(token)
      return once(source.account, () => exchange(source))
    },

    /**
     * Forgets the account's token after Copilot refused it, so the next `get` exchanges again.
     * With `rejected`, only that token is forgotten: callers that all failed with one stale token
     * cause one new exchange, not one each.
     */
    invalidate(account: string, rejected?: string): void {
      if (rejected === undefined || cached.get(account)?.token === rejected) cached.delete(account)
    },
  }
}

export type CopilotTokens = ReturnType<typeof createCopilotTokens>
