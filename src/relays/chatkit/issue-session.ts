import { callerOf } from '../../platform/auth/verified-caller.js'
import type * as z from 'zod'
import type { Context } from 'hono'
import type { ChatKitSecret } from './contract/index.js'
import type { RelayEnv } from '../../platform/app-env.js'
import type { ChatKitApi } from '../../upstreams/openai/chatkit-sessions.js'
import { cleanUp } from './cleanup.js'
import type { ChatKitRelaySettings } from './settings.js'

/**
 * Starts a ChatKit session of `workflowId` for the caller, and records its secret. A secret
 * relaykit could not record could never be refreshed, so it is cancelled and not handed out; so is
 * one whose predecessor `retirePrevious` could not retire, or there could be two live successors.
 */
export async function issueSession(
  c: Context<RelayEnv<ChatKitRelaySettings>>,
  api: ChatKitApi,
  workflowId: string,
  retirePrevious: () => Promise<void> = async () => {},
): Promise<z.infer<typeof ChatKitSecret>> {
  const { sessionSeconds, registry } = c.var.settings
  const user = callerOf(c)
  const session = await api.createSession({ user, workflow: { id: workflowId }, expires_after: { anchor: 'created_at', seconds: sessionSeconds } })
  try {
    await retirePrevious()
    await registry.register(session.client_secret, { sessionId: session.id, user, workflowId, expiresAt: session.expires_at })
  } catch (error) {
    await cleanUp(c.var.requestId, 'cancel_unissued_session', () => api.cancelSession(session.id))
    throw error
  }
  return { client_secret: session.client_secret, expires_at: session.expires_at }
}
