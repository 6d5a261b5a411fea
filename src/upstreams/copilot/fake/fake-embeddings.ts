import type { CreateEmbeddingResponse } from 'openai/resources/embeddings'
import { countWords } from './fake-tool-call.js'

const DIMENSIONS = 8

/** A vector that depends only on the text: the same input always embeds the same way. */
function vectorOf(text: string): number[] {
  return Array.from({ length: DIMENSIONS }, (_, dimension) => {
    let sum = 0
    for (let index = dimension; index < text.length; index += DIMENSIONS) sum += text.charCodeAt(index) / 1000
    return Math.round(sum * 1000) / 1000
  })
}

/** Embeddings of every input string. */
export function answerEmbeddings(inputs: readonly string[], model: string): Response {
  const tokens = countWords(inputs)
  const answer: CreateEmbeddingResponse = {
    object: 'list',
    model,
    data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  }
  return Response.json(answer)
}
