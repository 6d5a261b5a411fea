// Summaries of samples, and the units the report prints them in. Percentiles are nearest-rank on
// the sorted samples: no interpolation, so every reported number is one that was observed.

export type Summary = Record<'count' | 'median' | 'p99' | 'min' | 'max', number>

const nearestRank = (sorted: number[], fraction: number) => sorted[Math.max(1, Math.ceil(fraction * sorted.length)) - 1] ?? Number.NaN

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return { count: sorted.length, median: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN }
}

export const nsToMs = (ns: bigint) => Number(ns) / 1e6
export const ms = (value: number, digits = 2) => `${value.toFixed(digits)} ms`
/** A difference, with its sign. */
export const deltaMs = (value: number) => `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
export const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`

/** A markdown table; cells must not contain `|`. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
