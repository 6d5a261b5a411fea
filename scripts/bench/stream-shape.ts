// How the bench tells the fake OpenAI what stream to send. relaykit forwards only the request
// body (no custom headers, no query string), so the shape travels in the prompt itself:
// `bench:chunks=50;size=100;delay=10;id=mem-1`.
// Each streamed event's content starts with a stamp: the fake's monotonic clock (nanoseconds,
// process.hrtime, which is CLOCK_MONOTONIC and so the same clock in every process on the machine)
// taken just before it wrote the event. The client subtracts it from when the event arrived: how
// long each event took to get through, with no clock skew.

export interface StreamShape {
  /** Content events before the closing ones. */
  chunks: number
  /** Characters of content per event (stamp included). */
  size: number
  /** Milliseconds before each content event, the first one included. */
  delayMs: number
  /** When set, the fake keeps the stream's byte count and SHA-256 under this id. */
  id?: string
}

const PREFIX = 'bench:'
/** Stamp width: nanoseconds since boot fit in 20 digits for centuries. */
export const STAMP_DIGITS = 20
export const STAMP_END = '|'

export function formatShape(shape: StreamShape): string {
  const parts = [`chunks=${shape.chunks}`, `size=${shape.size}`, `delay=${shape.delayMs}`]
  if (shape.id !== undefined) parts.push(`id=${shape.id}`)
  return PREFIX + parts.join(';')
}

/** The shape in a prompt, or undefined when the prompt is not a bench shape. */
export function parseShape(content: string): StreamShape | undefined {
  if (!content.startsWith(PREFIX)) return undefined
  const fields = new Map(
    content
      .slice(PREFIX.length)
      .split(';')
      .map((part) => part.split('=', 2) as [string, string]),
  )
  const number = (name: string, fallback: number) => {
    const value = Number(fields.get(name) ?? fallback)
    return Number.isFinite(value) && value >= 0 ? value : fallback
  }
  const shape: StreamShape = {
    chunks: number('chunks', 10),
    size: Math.max(STAMP_DIGITS + 1, number('size', 64)),
    delayMs: number('delay', 0),
  }
  const id = fields.get('id')
  if (id) shape.id = id
  return shape
}

/** The content of one event: stamp, separator, padding up to `size` characters. */
export function stampedContent(nowNs: bigint, size: number, padding: string): string {
  return String(nowNs).padStart(STAMP_DIGITS, '0') + STAMP_END + padding.slice(0, size - STAMP_DIGITS - 1)
}

/** The stamp in one event's `data:` line, or undefined for events without one. */
export function readStamp(event: string): bigint | undefined {
  const at = event.indexOf(STAMP_END)
  if (at < STAMP_DIGITS) return undefined
  const digits = event.slice(at - STAMP_DIGITS, at)
  return /^\d+$/.test(digits) ? BigInt(digits) : undefined
}
