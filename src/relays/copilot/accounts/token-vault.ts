import { fromBase64, toBase64Url } from './base64.js'

const KEY_BYTES = 32
const IV_BYTES = 12
const FORMAT = 'v1'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export type TokenKeys = { ok: true; keys: Uint8Array[] } | { ok: false; reason: string }

/**
 * The `COPILOT_TOKEN_KEY` secret: one base64 key of 32 bytes, or several separated by commas
 * while rotating (the first encrypts; every one decrypts what it encrypted).
 */
export function parseTokenKeys(secret: string | undefined): TokenKeys {
  const parts = (secret ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0) return { ok: false, reason: 'COPILOT_TOKEN_KEY is not set: make one with `openssl rand -base64 32`.' }
  const keys = parts.map(fromBase64)
  if (keys.some((key) => key?.length !== KEY_BYTES))
    return { ok: false, reason: 'COPILOT_TOKEN_KEY must be base64 of 32 bytes (`openssl rand -base64 32`), or several such keys separated by commas.' }
  return { ok: true, keys: keys as Uint8Array[] }
}

/** A sealed token cannot be opened: its key is gone from COPILOT_TOKEN_KEY, or it was not sealed for this owner. */
export class SealedTokenError extends Error {
  override readonly name = 'SealedTokenError'
}

/**
 * The GitHub tokens' encryption at rest: AES-256-GCM, each ciphertext bound to its owner (an
 * account's username, or a sign-in in progress), so it cannot be moved to another.
 */
export interface TokenVault {
  seal(token: string, owner: string): Promise<string>
  open(sealed: string, owner: string): Promise<string>
  /** Whether a sealed token is under the first (current) key, or should be sealed again. */
  isCurrent(sealed: string): boolean
}

/** The key id in a ciphertext: the start of the key's SHA-256, which names the key without revealing it. */
async function keyId(key: Uint8Array): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', key))).slice(0, 12)
}

const boundTo = (owner: string) => encoder.encode(`relaykit copilot github token for ${owner}`)

export async function createTokenVault(keys: readonly Uint8Array[]): Promise<TokenVault> {
  const imported = await Promise.all(keys.map(async (key) => ({ id: await keyId(key), key: await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']) })))
  const current = imported[0]
  if (!current) throw new SealedTokenError('The token vault needs at least one key.')

  return {
    async seal(token, owner) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: boundTo(owner) }, current.key, encoder.encode(token))
      return [FORMAT, current.id, toBase64Url(iv), toBase64Url(new Uint8Array(ciphertext))].join('.')
    },

    async open(sealed, owner) {
      const [format, id, iv, ciphertext] = sealed.split('.')
      const key = imported.find((candidate) => candidate.id === id)
      const ivBytes = fromBase64(iv ?? '')
      const ciphertextBytes = fromBase64(ciphertext ?? '')
      if (format !== FORMAT || !key) throw new SealedTokenError('The GitHub token was sealed with a key COPILOT_TOKEN_KEY no longer holds.')
      if (ivBytes?.length !== IV_BYTES || !ciphertextBytes) throw new SealedTokenError('The sealed GitHub token is damaged.')
      try {
        return decoder.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ivBytes, additionalData: boundTo(owner) }, key.key, ciphertextBytes))
      } catch {
        throw new SealedTokenError('The sealed GitHub token does not open for this owner.')
      }
    },

    isCurrent: (sealed) => sealed.split('.')[1] === current.id,
  }
}
