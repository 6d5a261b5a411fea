import { BytePairEncodingCore, type RawBytePairRanks } from 'gpt-tokenizer/BytePairEncodingCore'
import { O200KBase } from 'gpt-tokenizer/encodingParams/o200k_base'

export type { RawBytePairRanks }

/** Counts the tokens of a text. */
export interface TokenCounter {
  count(text: string): number
}

/** Merges remembered across calls; bounded, as the isolate's memory is (the library's default is 100,000). */
const MERGE_CACHE_SIZE = 10_000

/**
 * A counter with the o200k_base encoding (OpenAI's GPT-4o and GPT-5 models). Special tokens in the
 * text (`<|endoftext|>`) are counted as the plain text they are, as a prompt holding them is.
 */
export function o200kCounter(ranks: RawBytePairRanks): TokenCounter {
  const encoding = new BytePairEncodingCore({ ...O200KBase(ranks), mergeCacheSize: MERGE_CACHE_SIZE })
  return { count: (text) => encoding.countNative(text) }
}

/**
 * The counter, built on first use and kept for the isolate's life: its ranks (2 MB) are not in the
 * Worker bundle but loaded at run time by `loadRanks`, and building it costs some 150 ms of CPU,
 * paid once. A failed load is not kept, so the next call tries again.
 */
export function lazyTokenCounter(loadRanks: () => Promise<RawBytePairRanks>): () => Promise<TokenCounter> {
  let counter: Promise<TokenCounter> | undefined
  return () => {
    counter ??= loadRanks().then(o200kCounter, (error: unknown) => {
      counter = undefined
      throw error
    })
    return counter
  }
}
