import type { AccountSnapshot, AccountView, AddKeyOutcome, Claim, ClaimOutcome, CopilotAccount, NewKey } from './copilot-account.js'

/** One account's methods, as a caller in another isolate reaches them. */
export interface AccountRpc {
  claim(claim: Claim): Promise<ClaimOutcome>
  view(githubId: number): Promise<AccountView | null>
  authenticate(hash: string, now: number): Promise<AccountSnapshot | null>
  addKey(githubId: number, key: NewKey): Promise<AddKeyOutcome>
  revokeKey(githubId: number, keyId: string): Promise<'revoked' | 'unknown' | 'not_owner'>
  deleteAccount(githubId: number): Promise<'deleted' | 'not_owner'>
}

/** Finds the account a username names. */
export type AccountDirectory = (username: string) => AccountRpc

/** The accounts in their Durable Object namespace, one object per username. */
export function accountDirectory(namespace: DurableObjectNamespace<CopilotAccount>): AccountDirectory {
  return (username) => {
    const stub = namespace.get(namespace.idFromName(username))
    // The RPC stub's answer types are its own serialised forms of these; the values are the same.
    return {
      claim: (claim) => stub.claim(claim) as Promise<ClaimOutcome>,
      view: (githubId) => stub.view(githubId) as Promise<AccountView | null>,
      authenticate: (hash, now) => stub.authenticate(hash, now) as Promise<AccountSnapshot | null>,
      addKey: (githubId, key) => stub.addKey(githubId, key) as Promise<AddKeyOutcome>,
      revokeKey: (githubId, keyId) => stub.revokeKey(githubId, keyId),
      deleteAccount: (githubId) => stub.deleteAccount(githubId),
    }
  }
}
