import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../../platform/app-env.js'
import { bearerToken, credentialFingerprint, secretsMatch } from '../../platform/auth/bearer.js'
import { RelayError } from '../../platform/relay-error.js'
import type { OpenAIRelaySettings } from './settings.js'

export const RELAY_SECRET_HEADER = 'X-Relay-Secret'

/**
 * `X-Relay-Secret`, or the same secret as a bearer token (how OpenAI SDKs send their
 * API key), compared in constant time. The caller is named by the secret's fingerprint.
 */
export const requireRelaySecret = (): MiddlewareHandler<RelayEnv<OpenAIRelaySettings>> => async (c, next) => {
  const presented = c.req.header(RELAY_SECRET_HEADER) ?? bearerToken(c.req.header('Authorization'), 'OPENAI_RELAY_SECRET')
  if (!(await secretsMatch(presented, c.var.settings.relaySecret))) {
    throw new RelayError(
      401,
      'unauthorized',
      `The relay secret is not the OPENAI_RELAY_SECRET this relay expects. Send it as \`${RELAY_SECRET_HEADER}\` or \`Authorization: Bearer\`.`,
    )
  }
  c.set('caller', await credentialFingerprint(presented))
  await next()
}
