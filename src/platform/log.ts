/**
 * The fields a log line may hold. Each is an identifier, a count or an outcome: a line can never
 * carry a header, a body, a prompt, a token or a secret, because there is no field to put one in.
 */
export interface LogFields {
  request_id?: string
  method?: string
  route?: string
  relay?: string | null
  operation?: string
  policy?: string
  step?: string
  status?: number
  outcome?: string
  duration_ms?: number
  /** An error's class name or relaykit's code, never its message (it could quote request data). */
  error?: string
  reason?: string
  problem?: string
  /** A fingerprint of the caller (never the credential). */
  caller?: string | null
  model?: string
  stream?: boolean
  prompt_tokens?: number | null
  completion_tokens?: number | null
  total_tokens?: number | null
  removed?: number
  retention_days?: number
}

const ALLOWED = new Set<string>([
  'request_id',
  'method',
  'route',
  'relay',
  'operation',
  'policy',
  'step',
  'status',
  'outcome',
  'duration_ms',
  'error',
  'reason',
  'problem',
  'caller',
  'model',
  'stream',
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'removed',
  'retention_days',
])

/** Long enough for any id or code; a longer string is cut, so no field can smuggle a body. */
const MAX_STRING = 200

type Level = 'info' | 'warn' | 'error'

/** The JSON line for `msg`: only allowlisted fields with scalar values, strings cut short. */
export function logLine(level: Level, msg: string, fields: LogFields = {}): string {
  const entry: Record<string, unknown> = { level, msg }
  for (const [key, value] of Object.entries(fields)) {
    if (!ALLOWED.has(key) || value === undefined) continue
    if (typeof value === 'string') entry[key] = value.slice(0, MAX_STRING)
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) entry[key] = value
  }
  return JSON.stringify(entry)
}

/** Writes one structured line; errors go to stderr so `wrangler tail` and log drains can filter them. */
export function log(level: Level, msg: string, fields?: LogFields): void {
  const line = logLine(level, msg, fields)
  if (level === 'info') console.log(line)
  else console.error(line)
}

/** The name of what was thrown, the only part of an unexpected error that is safe to log. */
export const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error)
