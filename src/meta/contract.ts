import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { errorResponses } from '../contracts/errors.js'
import { jsonResponse } from '../contracts/json.js'

// Routes about relaykit itself. No credentials: they reveal setting names, never values.

const RateLimitHealth = z
  .object({
    policy: z.string(),
    setting: z.string().openapi({ description: 'The setting that changes it.', example: 'RATE_LIMIT_GITHUB' }),
    key: z.enum(['caller', 'ip']).openapi({ description: 'Who shares one bucket: each caller (a credential, or a verified user), or each client IP (IPv6: each /64).' }),
    rule: z.string().openapi({ description: 'The rule in force, or `off`.', example: '1/second burst 10' }),
    capacity: z.number().nullable().openapi({ description: 'Requests the bucket holds when full.' }),
    refill_per_second: z.number().nullable().openapi({ description: 'Requests it gains back each second.' }),
  })
  .openapi('RateLimitHealth')

const RelayHealth = z
  .object({
    enabled: z.boolean().openapi({ description: 'Whether RELAYS turns this relay on.' }),
    ready: z.boolean().openapi({ description: 'Enabled, and every secret and setting it needs is present and valid.' }),
    missing: z.array(z.string()).openapi({ description: 'Names of the secrets or settings it still needs.', example: ['GITHUB_TOKEN'] }),
    invalid: z.array(z.string()).openapi({ description: 'Settings that are present but malformed, with why.' }),
    rate_limits: z.array(RateLimitHealth).openapi({ description: 'The rate limits this relay applies.' }),
  })
  .openapi('RelayHealth')

export const HealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']).openapi({ description: '`degraded` when an enabled relay is not ready or a shared setting is malformed.' }),
    sandbox: z.boolean().openapi({ description: 'True in the local sandbox: upstreams are embedded fakes and the secrets are public sandbox values.' }),
    version: z.string(),
    relays: z.record(z.string(), RelayHealth),
    invalid_settings: z.array(z.string()).openapi({ description: 'Malformed settings shared by all relays (ALLOWED_ORIGINS, MAX_BODY_BYTES); each falls back to its default.' }),
  })
  .openapi('HealthResponse')

export const getHealth = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Meta'],
  security: [],
  summary: 'Which relays are on and what they are missing',
  description: 'Reports, per relay, whether it is enabled and ready, naming any missing secret or setting (names only, never values), and whether this is the sandbox.',
  responses: { 200: jsonResponse('relaykit is running.', HealthResponse), ...errorResponses([403]) },
})

const OpenApiDocument = z
  .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).passthrough(), paths: z.record(z.string(), z.unknown()) })
  .passthrough()
  .openapi('OpenApiDocument')

export const getOpenApi = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  tags: ['Meta'],
  security: [],
  summary: 'The whole API, as OpenAPI 3.1',
  description: 'Every relaykit operation. `servers[0].url` is the origin this request came to.',
  responses: { 200: jsonResponse('The OpenAPI document.', OpenApiDocument), ...errorResponses([403]) },
})

export const getActionsOpenApi = createRoute({
  method: 'get',
  path: '/cf-openapi.json',
  operationId: 'getActionsOpenApi',
  tags: ['Meta'],
  security: [],
  summary: 'The ChatGPT Actions subset, for "Import from URL"',
  description: 'The GitHub relay operations only, ready to import into a Custom GPT. `servers[0].url` is the origin this request came to.',
  responses: { 200: jsonResponse('The OpenAPI document for ChatGPT Actions.', OpenApiDocument), ...errorResponses([403]) },
})

export const metaContract = { tags: ['Meta'], routes: [getHealth, getOpenApi, getActionsOpenApi], securitySchemes: {} }
