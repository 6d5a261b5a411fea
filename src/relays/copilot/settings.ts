import type { RateLimitPolicy } from '../../platform/rate-limit/policies.js'
import type { RateLimitSettings } from '../../platform/rate-limit/rate-limit.js'
import type { SettingsReader } from '../../platform/settings.js'
import type { Env } from '../../platform/env.js'
import { type CopilotSettings, readCopilotSettings } from '../../upstreams/copilot/settings.js'
import type { CopilotAccount } from './accounts/copilot-account.js'
import { parseTokenKeys } from './accounts/token-vault.js'
import type { CopilotSignIn } from './sign-in/copilot-sign-in.js'

declare module '../../platform/env.js' {
  interface Env {
    /** One Durable Object per username: its owner, sealed GitHub token and relaykit keys. */
    COPILOT_ACCOUNTS?: DurableObjectNamespace<CopilotAccount>
    /** One Durable Object per sign-in in progress: GitHub's device code, then the signed-in user's sealed token. */
    COPILOT_SIGN_INS?: DurableObjectNamespace<CopilotSignIn>
    /** Comma-separated GitHub logins who may sign up, or `*` for anyone with Copilot. */
    COPILOT_GITHUB_USERS?: string
    /** Base64 AES-256 key(s) that seal the stored GitHub tokens; the first seals, every one opens (rotation). */
    COPILOT_TOKEN_KEY?: string
    /** Comma-separated models callers may use; unset, every model the account has. */
    COPILOT_MODELS?: string
    /** The largest request body the bridge takes (coding agents send large contexts and images). */
    COPILOT_MAX_BODY_BYTES?: string
    /** Token bucket of the bridge, per account. */
    RATE_LIMIT_COPILOT?: string
    /** Token bucket of sign-ins (device flows started, tokens pasted), per client IP. */
    RATE_LIMIT_COPILOT_SIGN_IN?: string
    /** The sandbox only: the public key of its account. */
    COPILOT_SANDBOX_KEY?: string
    /** The sandbox only: the fake GitHub's token of the user its account belongs to. */
    COPILOT_SANDBOX_GITHUB_TOKEN?: string
  }
}

/** Agents send bursts of requests; Copilot's own limits stand behind this one. */
export const copilotRateLimit: RateLimitPolicy = { name: 'copilot', setting: 'RATE_LIMIT_COPILOT', fallback: '2/second burst 60', key: 'caller' }
/** Each sign-in costs a GitHub call, and a pasted token a guess at one: a few per address. */
export const copilotSignInRateLimit: RateLimitPolicy = { name: 'copilot_sign_in', setting: 'RATE_LIMIT_COPILOT_SIGN_IN', fallback: '30/hour burst 10', key: 'ip' }

/** Who may sign up: anyone with Copilot, or these GitHub logins (lower case). */
export type GitHubUsers = '*' | ReadonlySet<string>

export interface CopilotRelaySettings extends RateLimitSettings {
  upstream: CopilotSettings
  githubUsers: GitHubUsers
  /** COPILOT_TOKEN_KEY's keys, the first the current one. */
  tokenKeys: Uint8Array[]
  /** When set, the only models callers may name. */
  models?: ReadonlySet<string>
  accounts: DurableObjectNamespace<CopilotAccount>
  signIns: DurableObjectNamespace<CopilotSignIn>
  /** In the sandbox: the account it keeps ready, and the public key that opens it. */
  sandboxAccount?: { githubToken: string; key: string }
}

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

function parseGitHubUser(entry: string): string {
  if (entry !== '*' && !GITHUB_LOGIN.test(entry)) throw new Error('must be a GitHub login, or * for anyone')
  return entry.toLowerCase()
}

function parseModel(entry: string): string {
  if (!/^[A-Za-z0-9._:/-]{1,200}$/.test(entry)) throw new Error('must be a model id like gpt-4.1')
  return entry
}

export const mayUseCopilot = (users: GitHubUsers, login: string) => users === '*' || users.has(login.toLowerCase())

function readTokenKeys(reader: SettingsReader): Uint8Array[] {
  const secret = reader.required('COPILOT_TOKEN_KEY')
  if (!secret) return []
  const parsed = parseTokenKeys(secret)
  if (!parsed.ok) reader.invalid.push(parsed.reason)
  return parsed.ok ? parsed.keys : []
}

export function readCopilotRelaySettings(reader: SettingsReader, env: Env): CopilotRelaySettings {
  const users = reader.list('COPILOT_GITHUB_USERS', parseGitHubUser, { required: true })
  const models = reader.list('COPILOT_MODELS', parseModel)
  const sandboxKey = env.COPILOT_SANDBOX_KEY?.trim()
  const sandboxToken = env.COPILOT_SANDBOX_GITHUB_TOKEN?.trim()
  return {
    upstream: readCopilotSettings(reader, env),
    githubUsers: users.includes('*') ? '*' : new Set(users),
    tokenKeys: readTokenKeys(reader),
    models: models.length > 0 ? new Set(models) : undefined,
    accounts: reader.binding('COPILOT_ACCOUNTS', 'Durable Object'),
    signIns: reader.binding('COPILOT_SIGN_INS', 'Durable Object'),
    // A public key opening a real account would be a hole: only the sandbox has one.
    sandboxAccount: reader.sandbox && sandboxKey && sandboxToken ? { githubToken: sandboxToken, key: sandboxKey } : undefined,
    rateLimits: { copilot: reader.rateLimit(copilotRateLimit), copilot_sign_in: reader.rateLimit(copilotSignInRateLimit) },
  }
}
