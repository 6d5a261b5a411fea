/** Where the first of `sequences` starts in `text`, and which one it is. */
function firstMatch(text: string, sequences: readonly string[]): { at: number; sequence: string } | undefined {
  let best: { at: number; sequence: string } | undefined
  for (const sequence of sequences) {
    const at = text.indexOf(sequence)
    if (at !== -1 && (best === undefined || at < best.at)) best = { at, sequence }
  }
  return best
}

/** Text cut before the first stop sequence it holds, with the sequence; the sequence itself is not shown, as Anthropic does. */
export function cutAtStopSequence(text: string, sequences: readonly string[]): { text: string; matched?: string } {
  const match = firstMatch(text, sequences)
  return match ? { text: text.slice(0, match.at), matched: match.sequence } : { text }
}

/**
 * Applies stop sequences to text as it streams. Neither Copilot API reports which stop sequence
 * ended an answer (the Responses API takes none), so relaykit matches them itself. Only the end of
 * the text that could still begin a sequence is held back (at most the longest sequence less one
 * character); everything before it is released at once.
 */
export class StopSequenceMatcher {
  private held = ''
  private readonly sequences: readonly string[]

  constructor(sequences: readonly string[] = []) {
    this.sequences = sequences.filter((sequence) => sequence.length > 0)
  }

  /** The text that can be shown now, and the sequence if one matched (after which nothing more is shown). */
  push(text: string): { text: string; matched?: string } {
    if (this.sequences.length === 0) return { text }
    const buffered = this.held + text
    const cut = cutAtStopSequence(buffered, this.sequences)
    if (cut.matched !== undefined) {
      this.held = ''
      return cut
    }
    const keep = this.heldBackLength(buffered)
    this.held = buffered.slice(buffered.length - keep)
    return { text: buffered.slice(0, buffered.length - keep) }
  }

  /** The text held back; the answer went on without completing a sequence. */
  flush(): string {
    const held = this.held
    this.held = ''
    return held
  }

  /** The length of the longest end of `text` that is the start of a sequence. */
  private heldBackLength(text: string): number {
    let longest = 0
    for (const sequence of this.sequences) {
      for (let length = Math.min(sequence.length - 1, text.length); length > longest; length -= 1) {
        if (text.endsWith(sequence.slice(0, length))) {
          longest = length
          break
        }
      }
    }
    return longest
  }
}
