import { describe, expect, it } from 'vitest'
import { checkUsername } from './username.js'

const RESERVED = ['docs', 'copilot', 'github', 'openapi.json', 'v1']

describe('checkUsername', () => {
  it.each(['octocat', 'my-laptop', 'a', 'a1-b2-c3', 'x'.repeat(39)])('accepts %s', (username) => {
    expect(checkUsername(username, RESERVED)).toEqual({ ok: true })
  })

  it.each(['', 'x'.repeat(40), 'Octocat', 'my_laptop', '-a', 'a-', 'a--b', 'a.b', 'a/b', '../a', 'é', 'a b'])('refuses %j', (username) => {
    expect(checkUsername(username, RESERVED).ok).toBe(false)
  })

  it("refuses relaykit's own first path segments, whatever their case in the list", () => {
    expect(checkUsername('copilot', RESERVED)).toEqual({ ok: false, reason: `"copilot" is one of relaykit's own paths; choose another username.` })
    expect(checkUsername('docs', ['Docs']).ok).toBe(false)
    expect(checkUsername('docs', []).ok).toBe(true)
  })
})
