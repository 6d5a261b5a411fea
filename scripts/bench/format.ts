// Number formatting for the report: fixed units so columns compare at a glance.

export const ms = (value: number | undefined, digits = 2): string => (value === undefined || Number.isNaN(value) ? '–' : `${value.toFixed(digits)} ms`)

/** A difference, with its sign. */
export const deltaMs = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '–' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)} ms`)

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`

export const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`

/** A markdown table; cells must not contain `|`. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
