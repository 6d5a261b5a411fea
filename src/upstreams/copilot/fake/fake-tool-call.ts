import { isRecord } from '../json.js'
import { exampleOf, splitInto } from './schema-example.js'

/** The call the fake makes when offered tools: to the first function tool, with arguments that fit its schema. */
export interface FakeToolCall {
  callId: string
  name: string
  /** The whole arguments JSON. */
  arguments: string
  /** The same arguments in the pieces a stream sends them in. */
  argumentPieces: string[]
}

const ARGUMENT_PIECES = 3

/**
 * Chat tools are `{type: 'function', function: {name, parameters}}`; Responses tools are
 * `{type: 'function', name, parameters}` among hosted ones. Either way the first function wins.
 */
export function firstToolCall(tools: unknown, callId: string): FakeToolCall | undefined {
  if (!Array.isArray(tools)) return undefined
  for (const tool of tools) {
    if (!isRecord(tool) || tool.type !== 'function') continue
    const definition = isRecord(tool.function) ? tool.function : tool
    if (typeof definition.name !== 'string') continue
    const args = JSON.stringify(exampleOf(definition.parameters ?? { type: 'object', properties: {} }))
    return { callId, name: definition.name, arguments: args, argumentPieces: splitInto(args, ARGUMENT_PIECES) }
  }
  return undefined
}

export const words = (text: string) => text.split(/(?<= )/)

export const countWords = (value: unknown): number => {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean).length
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countWords(item), 0)
  if (isRecord(value)) return countWords(value.content) + countWords(value.text) + countWords(value.output)
  return 0
}
