/**
 * Follows a JSON text as it streams, to tell when its top-level value is complete, in constant
 * memory (it keeps no copy of the text). Used to judge a tool call whose arguments stopped making
 * progress: complete arguments followed by endless whitespace are still a usable call.
 */
export class JsonCompletion {
  private depth = 0
  private inString = false
  private escaped = false
  private started = false
  complete = false

  push(text: string): void {
    for (const char of text) {
      if (this.complete) return
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (char === '\\') this.escaped = true
        else if (char === '"') this.inString = false
      } else if (char === '"') {
        this.inString = true
      } else if (char === '{' || char === '[') {
        this.depth += 1
        this.started = true
      } else if ((char === '}' || char === ']') && this.started) {
        this.depth -= 1
        this.complete = this.depth === 0
      }
    }
  }
}
