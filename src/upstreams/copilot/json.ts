export type JsonObject = Record<string, unknown>

export const isRecord = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The last item of a JSON array, or undefined for anything else. */
export const lastItem = (value: unknown): unknown => (Array.isArray(value) ? value.at(-1) : undefined)
