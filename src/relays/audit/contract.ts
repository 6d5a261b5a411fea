import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { AUDIT_TOKEN_SCHEME } from './schemes.js'
import { AUDIT_OUTCOMES } from '../../contracts/audit-outcome.js'
import { errorResponses } from '../../contracts/errors.js'
import { jsonResponse } from '../../contracts/json.js'

// The audit trail of writes, for the operator. In openapi.json and the typed client, never in
// the Actions spec: a GPT has no business reading who did what.

/** Every write relaykit audits, by the operationId of its route. */
export const AUDITED_OPERATIONS = [
  'commentOnPullRequest',
  'addLabelsToPullRequest',
  'sendRepositoryDispatch',
  'dispatchWorkflow',
  'triggerHive',
  'signUpCopilotAccount',
  'createCopilotKey',
  'revokeCopilotKey',
  'deleteCopilotAccount',
] as const
export type AuditedOperation = (typeof AUDITED_OPERATIONS)[number]

const Timestamp = z.iso.datetime({ offset: true })

export const AuditEvent = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: 'When relaykit answered (ISO 8601, UTC).' }),
    request_id: z.string().openapi({ description: 'The X-Request-Id of the request, to find its log line.' }),
    relay: z.string(),
    operation: z.enum(AUDITED_OPERATIONS),
    repository: z.string().nullable().openapi({ description: '`owner/repo`, when the request named a valid one.' }),
    pull_number: z.number().int().nullable(),
    event_type: z.string().nullable(),
    workflow: z.string().nullable(),
    ref: z.string().nullable(),
    account: z.string().nullable().openapi({ description: 'The Copilot bridge username a sign-up, key or deletion was about.' }),
    caller: z.string().openapi({ description: 'A fingerprint of the credential used (a hash prefix, never the credential).', example: 'sha256:1f2e3d4c5b6a7988' }),
    outcome: z.enum(AUDIT_OUTCOMES).openapi({
      description: '`done`: GitHub did it. `dry_run`: nothing was sent. `refused`: relaykit refused before asking GitHub. `failed`: GitHub refused, failed or did not answer.',
    }),
    status: z.number().int().openapi({ description: 'The HTTP status relaykit answered.' }),
    error: z.string().nullable().openapi({ description: 'The error code answered, if any.' }),
    upstream_status: z.number().int().nullable().openapi({ description: 'The HTTP status GitHub answered, when it was asked.' }),
    replayed: z.boolean().openapi({ description: 'The answer was replayed for a repeated idempotency key; GitHub was not asked again.' }),
  })
  .openapi('AuditEvent')

export const AuditQuery = z
  .object({
    repository: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, 'must be `owner/repo`')
      .optional()
      .openapi({ description: 'Only events on this repository (case-insensitive), as `owner/repo`.' }),
    operation: z.enum(AUDITED_OPERATIONS).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    since: Timestamp.optional().openapi({ description: 'Only events at or after this time (ISO 8601, e.g. 2026-11-01T00:00:00Z).' }),
    until: Timestamp.optional().openapi({ description: 'Only events before this time (ISO 8601).' }),
    limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Events per page, newest first.' }),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'must be a next_cursor from an earlier page')
      .optional()
      .openapi({ description: 'The `next_cursor` of the previous page.' }),
  })
  .openapi('AuditQuery')

export const AuditPage = z
  .object({
    events: z.array(AuditEvent),
    next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for older events; null on the last page.' }),
  })
  .openapi('AuditPage')

export const listAuditEvents = createRoute({
  method: 'get',
  path: '/audit',
  operationId: 'listAuditEvents',
  tags: ['Audit'],
  security: [{ [AUDIT_TOKEN_SCHEME]: [] }],
  summary: 'Read the audit trail of writes',
  description:
    "Every write, dry run and refused write relaykit handled, newest first: when, which request, which operation on which target, which caller (a fingerprint), the outcome and GitHub's status. Never a secret, a comment body or a payload.",
  request: { query: AuditQuery },
  responses: {
    200: jsonResponse('One page of audit events, newest first.', AuditPage),
    ...errorResponses([401, 403, 422, 503]),
  },
})

export const auditContract = {
  tags: ['Audit'],
  routes: [listAuditEvents],
  securitySchemes: {
    [AUDIT_TOKEN_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The AUDIT_TOKEN secret, for the operator reading the audit trail.' },
  },
}
