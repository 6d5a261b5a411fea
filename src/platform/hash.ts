const encoder = new TextEncoder()

export const sha256 = (text: string): Promise<ArrayBuffer> => crypto.subtle.digest('SHA-256', encoder.encode(text))

export async function sha256Hex(text: string): Promise<string> {
  return [...new Uint8Array(await sha256(text))].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
