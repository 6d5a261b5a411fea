import { describe, expect, it } from 'vitest'
import { exampleOf, splitInto } from './schema-example.js'

describe('exampleOf', () => {
  it('fills every property of an object schema with a value of its type', () => {
    const schema = {
      type: 'object',
      properties: {
        path: { type: 'string' },
        line: { type: 'integer', minimum: 3 },
        ratio: { type: 'number' },
        force: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        mode: { enum: ['read', 'write'] },
        kind: { const: 'file' },
        limit: { type: 'integer', default: 50 },
        target: { anyOf: [{ type: 'object', properties: { id: { type: 'string' } } }, { type: 'null' }] },
        note: { type: ['null', 'string'] },
      },
    }
    expect(exampleOf(schema)).toEqual({
      path: 'example',
      line: 3,
      ratio: 1,
      force: true,
      tags: ['example'],
      mode: 'read',
      kind: 'file',
      limit: 50,
      target: { id: 'example' },
      note: 'example',
    })
  })

  it('gives an empty object for no schema, and stops at a nesting too deep to be a real tool', () => {
    expect(exampleOf(undefined)).toEqual({})
    const deep = {
      type: 'array',
      items: {
        type: 'array',
        items: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'string' } } } } } },
      },
    }
    expect(JSON.stringify(exampleOf(deep))).toBe('[[[[[[[{}]]]]]]]')
  })
})

describe('splitInto', () => {
  it('cuts text into ordered, non-empty pieces', () => {
    expect(splitInto('{"city":"x"}', 3)).toEqual(['{"ci', 'ty":', '"x"}'])
    expect(splitInto('ab', 3)).toEqual(['a', 'b'])
    expect(splitInto('', 3)).toEqual([])
  })
})
