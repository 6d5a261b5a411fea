/// <reference types="node" />
// What a user of the official `openai` package sees when relaykit refuses: relaykit's code as
// `error.code`, OpenAI's `type` for it, relaykit's sentence as the message, the field at fault as
// `param`, and the request id the SDK reads from `x-request-id`. Both chat relays, against a
// running relaykit (`wrangler dev`) with small rate limits of its own.
import OpenAI, { APIError } from 'openai'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MODELS, RELAY_SECRET, startRelaykitWithFakes, type RelaykitWithFakes } from './relaykit-with-fakes.js'

const LIMIT = 4

let relaykit: RelaykitWithFakes

beforeAll(async () => {
  relaykit = await startRelaykitWithFakes({ RATE_LIMIT_OPENAI: `${LIMIT}/hour`, RATE_LIMIT_GATEWAY: `${LIMIT}/hour` })
})

afterAll(async () => {
  await relaykit?.stop()
})

const client = (path: string, apiKey: string) => new OpenAI({ baseURL: `${relaykit.baseUrl}${path}`, apiKey, maxRetries: 0 })
const chat = { model: MODELS[0], messages: [{ role: 'user' as const, content: 'Say hello.' }] }

async function refusal(call: () => Promise<unknown>): Promise<APIError> {
  const error = await call().catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(APIError)
  const apiError = error as APIError
  expect(apiError.requestID).toMatch(/^req_[0-9a-f]{32}$/)
  return apiError
}

const relays = [
  { name: 'openai', path: '/relay/openai/v1', key: async () => RELAY_SECRET },
  { name: 'gateway', path: '/gateway/openai/v1', key: () => relaykit.identity.mint('alice') },
]

describe.each(relays)('the $name relay, through the openai SDK', ({ name, path, key }) => {
  test('a model not on the list: 403 model_not_allowed, permission_error', async () => {
    const error = await refusal(async () => client(path, await key()).chat.completions.create({ ...chat, model: 'gpt-4-32k' }))
    expect([error.status, error.code, error.type]).toEqual([403, 'model_not_allowed', 'permission_error'])
    expect(error.message).toContain('gpt-4-32k')
  })

  test('a field relaykit does not pass on: 422 validation_failed, invalid_request_error, naming the field', async () => {
    const error = await refusal(async () => client(path, await key()).chat.completions.create({ ...chat, logit_bias: { '50256': -100 } }))
    expect([error.status, error.code, error.type, error.param]).toEqual([422, 'validation_failed', 'invalid_request_error', 'logit_bias'])
    expect(error.message).toContain('logit_bias')
  })

  test('a wrong key: 401, authentication_error', async () => {
    const error = await refusal(() => client(path, 'not-the-key-0123456789abcdef0123456789').chat.completions.create(chat))
    expect([error.status, error.type]).toEqual([401, 'authentication_error'])
    expect(error.code).toBe(name === 'openai' ? 'unauthorized' : 'invalid_token')
  })

  test('over the rate limit: 429 rate_limited, rate_limit_error, with the wait', async () => {
    let error: APIError | undefined
    for (let attempt = 0; attempt <= LIMIT && !error; attempt += 1) {
      error = await client(path, await key())
        .chat.completions.create({ ...chat, model: 'gpt-4-32k' })
        .then(() => undefined)
        .catch((thrown: APIError) => (thrown.status === 429 ? thrown : undefined))
    }
    expect(error, `no 429 within ${LIMIT + 1} requests`).toBeDefined()
    expect([error?.code, error?.type]).toEqual(['rate_limited', 'rate_limit_error'])
    expect(Number(error?.headers?.get('retry-after'))).toBeGreaterThan(0)
  })
})

test('the gateway, a user without the entitlement: 403 entitlement_missing, permission_error', async () => {
  const error = await refusal(async () => client('/gateway/openai/v1', await relaykit.identity.mint('bob')).chat.completions.create(chat))
  expect([error.status, error.code, error.type]).toEqual([403, 'entitlement_missing', 'permission_error'])
  expect(error.message).toContain('entitlement')
})
