/** One name per account, as it appears in `/<username>/v1`: lower-case words joined by single hyphens. */
const USERNAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const MAX_USERNAME_LENGTH = 39

export type UsernameCheck = { ok: true } | { ok: false; reason: string }

/** Whether `username` may name an account. `reserved` are the first path segments relaykit itself answers. */
export function checkUsername(username: string, reserved: readonly string[]): UsernameCheck {
  if (username.length === 0 || username.length > MAX_USERNAME_LENGTH) return { ok: false, reason: `A username has 1 to ${MAX_USERNAME_LENGTH} characters.` }
  if (!USERNAME.test(username)) return { ok: false, reason: 'A username is lower-case letters and digits, in words joined by single hyphens (like my-laptop).' }
  if (reserved.some((segment) => segment.toLowerCase() === username)) return { ok: false, reason: `"${username}" is one of relaykit's own paths; choose another username.` }
  return { ok: true }
}
