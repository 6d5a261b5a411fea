import { describe, expect, it } from 'vitest'
import { toBase64Url } from './base64.js'
import { createTokenVault, parseTokenKeys, SealedTokenError } from './token-vault.js'

const TOKEN = 'ghu_exampleGitHubToken0123456789abcdef'
const randomKey = () => crypto.getRandomValues(new Uint8Array(32))
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

describe('parseTokenKeys', () => {
  it('reads one base64 key of 32 bytes, or several separated by commas', () => {
    const [a, b] = [randomKey(), randomKey()]
    expect(parseTokenKeys(base64(a))).toEqual({ ok: true, keys: [a] })
    expect(parseTokenKeys(` ${base64(a)} , ${toBase64Url(b)} `)).toEqual({ ok: true, keys: [a, b] })
  })

  it('refuses a missing key, and one that is not 32 bytes of base64', () => {
    expect(parseTokenKeys(undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('not set') })
    expect(parseTokenKeys(base64(new Uint8Array(16)))).toMatchObject({ ok: false, reason: expect.stringContaining('32 bytes') })
    expect(parseTokenKeys('not base64 at all!')).toMatchObject({ ok: false })
    expect(parseTokenKeys(`${base64(randomKey())},short`)).toMatchObject({ ok: false })
  })
})

describe('createTokenVault', () => {
  it('seals a token so that nothing of it shows, and opens it again', async () => {
    const vault = await createTokenVault([randomKey()])
    const sealed = await vault.seal(TOKEN, 'octocat')
    expect(sealed).not.toContain(TOKEN)
    expect(sealed).not.toContain('ghu_')
    expect(sealed).toMatch(/^v1\.[\w-]{12}\.[\w-]{16}\.[\w-]+$/)
    expect(await vault.open(sealed, 'octocat')).toBe(TOKEN)
  })

  it('seals the same token differently every time', async () => {
    const vault = await createTokenVault([randomKey()])
    expect(await vault.seal(TOKEN, 'octocat')).not.toBe(await vault.seal(TOKEN, 'octocat'))
  })

  it("will not open one account's sealed token for another account", async () => {
    const vault = await createTokenVault([randomKey()])
    const sealed = await vault.seal(TOKEN, 'octocat')
    await expect(vault.open(sealed, 'mallory')).rejects.toBeInstanceOf(SealedTokenError)
  })

  it('refuses a ciphertext that was tampered with', async () => {
    const vault = await createTokenVault([randomKey()])
    const sealed = await vault.seal(TOKEN, 'octocat')
    const last = sealed.at(-1) === 'A' ? 'B' : 'A'
    await expect(vault.open(`${sealed.slice(0, -1)}${last}`, 'octocat')).rejects.toBeInstanceOf(SealedTokenError)
    await expect(vault.open('v1.x.y', 'octocat')).rejects.toBeInstanceOf(SealedTokenError)
  })

  it('rotates: seals with the first key, opens with any key still listed', async () => {
    const [old, current] = [randomKey(), randomKey()]
    const before = await createTokenVault([old])
    const sealedBefore = await before.seal(TOKEN, 'octocat')
    const during = await createTokenVault([current, old])
    expect(await during.open(sealedBefore, 'octocat')).toBe(TOKEN)
    expect(during.isCurrent(sealedBefore)).toBe(false)
    const sealedDuring = await during.seal(TOKEN, 'octocat')
    expect(during.isCurrent(sealedDuring)).toBe(true)
    const after = await createTokenVault([current])
    expect(await after.open(sealedDuring, 'octocat')).toBe(TOKEN)
    await expect(after.open(sealedBefore, 'octocat')).rejects.toThrow('no longer holds')
  })
})
