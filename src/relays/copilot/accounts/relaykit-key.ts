import { sha256Hex } from '../../../platform/hash.js'
import { toBase64Url } from './base64.js'

export const RELAYKIT_KEY_PREFIX = 'acpc-'
const KEY_BYTES = 32

/** A new relaykit key: the prefix and 256 random bits. Shown once; only its hash is kept. */
export const newRelaykitKey = (): string => `${RELAYKIT_KEY_PREFIX}${toBase64Url(crypto.getRandomValues(new Uint8Array(KEY_BYTES)))}`

/** What is stored of a key, and how a presented key is looked up: its SHA-256, in hex. */
export const keyHash = (key: string): Promise<string> => sha256Hex(key)
