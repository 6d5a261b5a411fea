import { retryLater } from '../../../platform/relay-error.js'
import type { AccountSnapshot, AccountView, AddKeyOutcome, Claim, ClaimOutcome, CopilotAccount, NewKey } from './copilot-account.js'

/** One account's methods, as a caller in another isolate reaches them. */
export interface AccountRpc {
  claim(claim: Claim): Promise<ClaimOutcome>
  view(githubId: number): Promise<AccountView | null>
  authenticate(hash: string, now: number): Promise<AccountSnapshot | null>
  sealedTokenOf(githubId: number): Promise<string | null>
  addKey(githubId: number, key: NewKey): Promise<AddKeyOutcome>
  revokeKey(githubId: number, keyId: string): Promise<'revoked' | 'unknown' | 'not_owner'>
  deleteAccount(githubId: number): Promise<'deleted' | 'not_owner'>
}

/** Finds the account a username names. */
export type AccountDirectory = (username: string) => AccountRpc

const UNAVAILABLE_RETRY_SECONDS = 5

/** An account that cannot be asked is never guessed at: the request is refused for now. */
const unavailable = (): never => {
  throw retryLater(503, 'copilot_accounts_unavailable', 'relaykit cannot reach its record of this account right now. Try again shortly.', UNAVAILABLE_RETRY_SECONDS)
}

/** The accounts in their Durable Object namespace, one object per username. */
export function accountDirectory(namespace: DurableObjectNamespace<CopilotAccount>): AccountDirectory {
  return (username) => {
    const stub = namespace.get(namespace.idFromName(username))
    // The RPC stub's answer types are its own serialised forms of these; the values are the same.
    return {
      claim: (claim) => (stub.claim(claim) as Promise<ClaimOutcome>).catch(unavailable),
      view: (githubId) => (stub.view(githubId) as Promise<AccountView | null>).catch(unavailable),
      authenticate: (hash, now) => (stub.authenticate(hash, now) as Promise<AccountSnapshot | null>).catch(unavailable),
      sealedTokenOf: (githubId) => stub.sealedTokenOf(githubId).catch(unavailable),
      addKey: (githubId, key) => (stub.addKey(githubId, key) as Promise<AddKeyOutcome>).catch(unavailable),
      revokeKey: (githubId, keyId) => stub.revokeKey(githubId, keyId).catch(unavailable),
      deleteAccount: (githubId) => stub.deleteAccount(githubId).catch(unavailable),
    }
  }
}
