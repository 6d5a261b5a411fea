import { SANDBOX_AUDIENCE, SANDBOX_ISSUER, SANDBOX_USERS } from './defaults.js'
import { createFakeIdentity, type FakeIdentity } from '../upstreams/identity/fake/fake-identity.js'

let sandboxIdentity: FakeIdentity | undefined

/** The sandbox's one fake sign-in provider (its signing key lives as long as the isolate). */
export const sandboxIdentityProvider = () => (sandboxIdentity ??= createFakeIdentity({ issuer: SANDBOX_ISSUER, audience: SANDBOX_AUDIENCE, entitlements: SANDBOX_USERS }))
