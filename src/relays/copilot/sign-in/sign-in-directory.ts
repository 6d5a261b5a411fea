import { retryLater } from '../../../platform/relay-error.js'
import type { CopilotSignIn, PendingSignIn, PollClaim, VerifiedGitHubUser } from './copilot-sign-in.js'

const UNAVAILABLE_RETRY_SECONDS = 5

/** The sign-ins in progress, one Durable Object each, named by the id the browser holds. */
export function signInDirectory(namespace: DurableObjectNamespace<CopilotSignIn>) {
  /** Calls one sign-in; when it cannot be reached, the sign-in cannot go on now. */
  async function onSignIn<T>(id: string, call: (signIn: DurableObjectStub<CopilotSignIn>) => Promise<T>): Promise<T> {
    try {
      return await call(namespace.get(namespace.idFromName(id)))
    } catch {
      throw retryLater(503, 'copilot_sign_in_unavailable', 'relaykit cannot reach its record of this sign-in right now. Try again shortly.', UNAVAILABLE_RETRY_SECONDS)
    }
  }

  return {
    start: (id: string, pending: PendingSignIn) => onSignIn(id, (signIn) => signIn.start(pending)),
    // The RPC stub's type of a union answer is not the union itself.
    claimPoll: (id: string, now: number) => onSignIn(id, async (signIn) => (await signIn.claimPoll(now)) as PollClaim),
    keepWaiting: (id: string, intervalSeconds: number, now: number) => onSignIn(id, (signIn) => signIn.keepWaiting(intervalSeconds, now)),
    signIn: (id: string, user: VerifiedGitHubUser, sealedToken: string, sessionEndsAt: number) => onSignIn(id, (signIn) => signIn.signIn(user, sealedToken, sessionEndsAt)),
    sealedTokenOf: (id: string, githubId: number) => onSignIn(id, (signIn) => signIn.sealedTokenOf(githubId)),
    end: (id: string) => onSignIn(id, (signIn) => signIn.end()),
  }
}

export type SignInDirectory = ReturnType<typeof signInDirectory>
