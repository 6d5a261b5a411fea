import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { RELAY_SECRET_SCHEME } from './schemes.js'
import { errorResponses } from '../../contracts/errors.js'
import { idempotencyKeyField, idempotencyKeyHeader, replayedField } from '../../contracts/idempotency.js'
import { jsonBody, jsonResponse } from '../../contracts/json.js'
import { RateLimitHeaders } from '../../contracts/rate-limit-headers.js'

// The operator relay: one fixed repository_dispatch (`hive-execute`) to one configured
// repository, for devices and scripts that hold RELAY_SECRET.

export const HIVE_EVENT_TYPE = 'hive-execute' as const

export const TriggerHiveRequest = z
  .object({
    action: z.literal('execute').openapi({ description: 'The only action there is.' }),
    dry_run: z.boolean().default(false).openapi({ description: 'Answer what would be sent, and send nothing.' }),
    plan_file: z
      .string()
      .regex(/^\.hivemind\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}\.ya?ml$/, 'must be a YAML file directly under `.hivemind/`')
      .default('.hivemind/plan.yaml')
      .openapi({ description: 'The plan the Hivemind foreman workflow reads.' }),
    ...idempotencyKeyField,
  })
  .openapi('TriggerHiveRequest')

const HivePayload = z
  .object({
    plan_file: z.string(),
    triggered_by: z.literal('relaykit'),
    request_id: z.string(),
    timestamp: z.string(),
  })
  .openapi('HivePayload')

export const TriggerHiveResponse = z
  .object({
    success: z.literal(true),
    dry_run: z.boolean(),
    message: z.string(),
    repository: z.string(),
    event_type: z.literal(HIVE_EVENT_TYPE),
    client_payload: HivePayload.openapi({ description: 'What was (or, in a dry run, would be) sent to GitHub.' }),
    ...replayedField,
  })
  .openapi('TriggerHiveResponse')

export const triggerHive = createRoute({
  method: 'post',
  path: '/trigger-hive',
  operationId: 'triggerHive' as const,
  tags: ['Operator'],
  security: [{ [RELAY_SECRET_SCHEME]: [] }],
  summary: 'Start the Hivemind foreman workflow',
  description: 'Sends the `hive-execute` repository_dispatch event to OPERATOR_REPO. With `dry_run: true` it answers what it would send and calls nothing.',
  'x-openai-isConsequential': true,
  request: { headers: idempotencyKeyHeader, body: jsonBody(TriggerHiveRequest, { action: 'execute', dry_run: true }) },
  responses: {
    200: jsonResponse('Dry run: nothing was sent; the answer shows what would have been.', TriggerHiveResponse, RateLimitHeaders),
    202: jsonResponse('GitHub accepted the event.', TriggerHiveResponse, RateLimitHeaders),
    ...errorResponses([400, 401, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504]),
  },
})

export const operatorContract = {
  tags: ['Operator'],
  routes: [triggerHive],
  securitySchemes: {
    [RELAY_SECRET_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The RELAY_SECRET secret, for devices and scripts calling the operator relay.' },
  },
}
