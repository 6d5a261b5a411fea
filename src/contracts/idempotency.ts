import '@hono/zod-openapi'
import * as z from 'zod'

// Idempotent writes: a key in the body (GPT Actions cannot send custom headers) or in the
// `Idempotency-Key` header. The same key and request within 24 hours replays the first answer.

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

// No example: a client that fills in examples (Scalar does) would send one fixed key with every
// write, and every later write would replay or be refused.
export const IdempotencyKey = z.string().regex(KEY_PATTERN, 'must be 1 to 255 visible ASCII characters (a UUID works)')

export const isIdempotencyKey = (value: unknown): value is string => typeof value === 'string' && KEY_PATTERN.test(value)

/** The body field, spread into every write's request schema. */
export const idempotencyKeyField = {
  idempotency_key: IdempotencyKey.optional().openapi({
    description:
      'Any unique string (a UUID) for this action. Sending the same key with the same request again within 24 hours returns the first answer, marked `replayed: true`, without acting twice. Reuse a key only for a retry.',
  }),
}

/** The header form, for clients that can send headers (Hono reads header names in lower case). */
export const idempotencyKeyHeader = z.object({
  'idempotency-key': IdempotencyKey.optional().openapi({
    description: 'The same as the body field `idempotency_key`; if both are sent they must match.',
  }),
})

/**
 * Marks an answer replayed from an earlier request with the same idempotency key. A replay names
 * both requests: `request_id`, where the answer has one, is the replaying request's (its
 * X-Request-Id), and `original_request_id` is the first request's, whose logs and audit record
 * tell what was done.
 */
export const replayedField = {
  replayed: z
    .literal(true)
    .optional()
    .openapi({ description: 'Present when this is the stored answer of an earlier request with the same idempotency key; nothing was done again.' }),
  original_request_id: z.string().optional().openapi({
    description: "On a replay only: the request_id (X-Request-Id) of the earlier request that got this answer first. `request_id`, where the answer has one, is this request's.",
    example: 'req_9b1d3c5e7f2a4b6c8d0e1f3a5b7c9d1e',
  }),
}

export const REPLAYED_HEADER = 'Idempotent-Replayed'
