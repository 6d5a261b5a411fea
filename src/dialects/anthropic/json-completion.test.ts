import { describe, expect, it } from 'vitest'
import { JsonCompletion } from './json-completion.js'

function completeAfter(...pieces: string[]): boolean {
  const json = new JsonCompletion()
  for (const piece of pieces) json.push(piece)
  return json.complete
}

describe('JsonCompletion', () => {
  it('sees an object complete across pieces', () => {
    expect(completeAfter('{"a":', ' [1, {"b": 2}]', '}')).toBe(true)
    expect(completeAfter('{"a":', ' [1, {"b": 2}]')).toBe(false)
  })
  it('is not fooled by braces and escaped quotes inside strings', () => {
    expect(completeAfter('{"code": "}\\"}"')).toBe(false)
    expect(completeAfter('{"code": "}\\"}"', '}')).toBe(true)
  })
  it('stays incomplete on whitespace alone', () => {
    expect(completeAfter('\n\n', '   ')).toBe(false)
  })
})
