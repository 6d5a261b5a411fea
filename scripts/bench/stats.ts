// Summaries of latency samples. Percentiles are nearest-rank on the sorted samples: no
// interpolation, so every reported number is one that was actually observed.

export interface Summary {
  count: number
  median: number
  p99: number
  min: number
  max: number
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(fraction * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    count: sorted.length,
    median: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  }
}

export const nsToMs = (ns: bigint): number => Number(ns) / 1e6
