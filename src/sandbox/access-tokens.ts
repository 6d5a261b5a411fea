import { SANDBOX_USERS } from './defaults.js'
import { sandboxIdentity } from './fakes.js'

export type SandboxUser = keyof typeof SANDBOX_USERS

const LIFETIME_SECONDS = 12 * 3600
const tokens = new Map<SandboxUser, { token: string; renewAfter: number }>()

/** A real signed access token for a sandbox user, reused until half its life has passed. */
export async function sandboxAccessToken(user: SandboxUser): Promise<string> {
  const cached = tokens.get(user)
  if (cached && cached.renewAfter > Date.now()) return cached.token
  const token = await sandboxIdentity().mint(user, {}, { expiresIn: LIFETIME_SECONDS })
  tokens.set(user, { token, renewAfter: Date.now() + (LIFETIME_SECONDS / 2) * 1000 })
  return token
}

export const isSandboxUser = (name: unknown): name is SandboxUser => typeof name === 'string' && Object.hasOwn(SANDBOX_USERS, name)
