import { isRecord } from '../json.js'

const MAX_DEPTH = 6

/**
 * A value that fits a JSON schema, always the same for the same schema: the fake's tool-call
 * arguments. Covers what tool schemas use (objects, arrays, scalars, enums, const, defaults,
 * anyOf/oneOf); an unknown schema gives an empty object.
 */
export function exampleOf(schema: unknown, depth = 0): unknown {
  if (!isRecord(schema) || depth > MAX_DEPTH) return {}
  if ('const' in schema) return schema.const
  if (schema.default !== undefined) return schema.default
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  const alternatives = schema.anyOf ?? schema.oneOf
  if (Array.isArray(alternatives) && alternatives.length > 0) return exampleOf(alternatives[0], depth + 1)
  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== 'null') : schema.type
  switch (type) {
    case 'string':
      return 'example'
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1
    case 'boolean':
      return true
    case 'null':
      return null
    case 'array':
      return [exampleOf(schema.items, depth + 1)]
    default: {
      const properties = isRecord(schema.properties) ? schema.properties : {}
      return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, exampleOf(property, depth + 1)]))
    }
  }
}

/** Splits text into `parts` pieces (fewer when it is shorter), in order, none empty. */
export function splitInto(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts))
  const pieces: string[] = []
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size))
  return pieces
}
