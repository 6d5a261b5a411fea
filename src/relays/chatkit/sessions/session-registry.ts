import { sha256Hex } from '../../../platform/hash.js'
import { retryLater } from '../../../platform/relay-error.js'
import type { ChatKitSessionRecord, IssuedSession, RefreshClaim } from './session-record.js'

const UNAVAILABLE_RETRY_SECONDS = 5

/** A client secret's record is named by the secret's SHA-256: the secret itself is never stored. */
export const recordName = (clientSecret: string) => sha256Hex(clientSecret)

/** The records of the client secrets relaykit issued (the CHATKIT_SESSIONS Durable Objects). */
export function sessionRegistry(namespace: DurableObjectNamespace<ChatKitSessionRecord>) {
  /** Calls one secret's record; when it cannot be reached, nothing is issued or refreshed. */
  async function onRecord<T>(clientSecret: string, call: (record: DurableObjectStub<ChatKitSessionRecord>) => Promise<T>): Promise<T> {
    try {
      return await call(namespace.get(namespace.idFromName(await recordName(clientSecret))))
    } catch {
      throw retryLater(
        503,
        'chatkit_registry_unavailable',
        'relaykit cannot reach its ChatKit session registry, so it cannot issue or refresh a client secret now. Try again shortly.',
        UNAVAILABLE_RETRY_SECONDS,
      )
    }
  }

  return {
    register: (clientSecret: string, session: IssuedSession) => onRecord(clientSecret, (record) => record.register(session)),
    // The RPC stub's type of a union answer is not the union itself.
    claimRefresh: (clientSecret: string, user: string, leaseMs: number) => onRecord(clientSecret, async (record) => (await record.claimRefresh(user, leaseMs)) as RefreshClaim),
    release: (clientSecret: string, claimId: string) => onRecord(clientSecret, (record) => record.release(claimId)),
    revoke: (clientSecret: string, claimId: string) => onRecord(clientSecret, (record) => record.revoke(claimId)),
  }
}

export type SessionRegistry = ReturnType<typeof sessionRegistry>
