import type { MiddlewareHandler } from 'hono'
import { credentialFingerprint } from '../../../platform/auth/bearer.js'
import { RelayError } from '../../../platform/relay-error.js'
import { API_KEY_HEADER } from '../contract/schemes.js'
import type { KeyedEnv } from '../copilot-env.js'
import { setupPageUrl } from '../copilot-env.js'
import { mayUseCopilot } from '../settings.js'

const BEARER = /^Bearer +(\S+)$/i
/** Longer than any key relaykit makes: a longer one is refused before any lookup. */
const MAX_KEY_LENGTH = 200

/** The key as OpenAI's SDKs send it (`Authorization: Bearer`), or as Anthropic's do (`x-api-key`). */
function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  const key = apiKey?.trim() || BEARER.exec(authorization ?? '')?.[1]
  return key && key.length <= MAX_KEY_LENGTH ? key : undefined
}

/**
 * Opens the account at `/<username>/…` with the presented relaykit key, from the isolate's cache
 * of what the account's Durable Object said (asked again at least every 30 s, so a revoked key
 * is refused everywhere within that). One refusal for every wrong key, whatever made it wrong,
 * so no one learns which usernames exist. The caller is the account, by a fingerprint.
 */
export const requireRelaykitKey = (): MiddlewareHandler<KeyedEnv> => async (c, next) => {
  const username = c.req.param('username') ?? ''
  const setup = setupPageUrl(c)
  const key = presentedKey(c.req.header('Authorization'), c.req.header(API_KEY_HEADER))
  if (!key) {
    throw new RelayError(
      401,
      'missing_api_key',
      `Send a relaykit key of the account as the API key (\`Authorization: Bearer acpc-…\` or \`${API_KEY_HEADER}\`). Make one at ${setup}.`,
    )
  }
  const { runtime, settings } = c.var
  await runtime.sandboxAccountReady()
  const account = await runtime.accountCache.authenticate(username, key)
  if (!account) {
    throw new RelayError(
      401,
      'invalid_api_key',
      `This key does not open the account "${username.slice(0, 39)}": it was revoked, mistyped, or made for another account. Make a new key at ${setup}.`,
    )
  }
  if (!mayUseCopilot(settings.githubUsers, account.githubLogin)) {
    throw new RelayError(403, 'github_user_not_allowed', `The GitHub user ${account.githubLogin} may no longer use this bridge (COPILOT_GITHUB_USERS). Ask its operator.`)
  }
  c.set('account', account)
  c.set('caller', await credentialFingerprint(`copilot-account:${account.username}:${account.githubId}`))
  await next()
}
