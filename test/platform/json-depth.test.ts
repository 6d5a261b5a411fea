import { env as bindings } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { boundedDepth, MAX_JSON_DEPTH } from '../../src/contracts/json.js'
import * as z from 'zod'
import { canonicalJson } from '../../src/platform/idempotency/canonical-json.js'
import spec from '../../openapi/openapi.json'
import { bearer, relaykit } from '../support/harness.js'

type Schema = {
  $ref?: string
  description?: string
  additionalProperties?: unknown
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
}
const schemas = spec.components.schemas as Record<string, Schema>

/** Where a request body lets the caller choose the shape: an object of any keys, or a value of any type. */
function freeFormFields(schema: Schema, at: string, found: { at: string; schema: Schema }[] = []) {
  const node = schema.$ref ? (schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema
  const anyValue = (value: unknown) => value === true || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)
  if (anyValue(node) || anyValue(node.additionalProperties)) {
    found.push({ at, schema: node })
    return found
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) freeFormFields(child, `${at}.${name}`, found)
  for (const child of [node.items, ...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) if (child) freeFormFields(child, `${at}[]`, found)
  return found
}

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

describe('free-form JSON nested too deep', () => {
  it('is refused with 422 naming the field and the limit, before the idempotency record, GitHub or a failed audit record', async () => {
    const token = `actions-token-${crypto.randomUUID()}`
    const worker = relaykit({ ACTIONS_TOKEN: token })
    const body = JSON.stringify({
      owner: 'octo-org',
      repo: 'hivemind',
      event_type: 'deploy-preview',
      client_payload: { deep: nested(3_000) },
      idempotency_key: crypto.randomUUID(),
    })
    expect(body.length).toBeGreaterThan(6_000)
    expect(body.length).toBeLessThan(6_200)
    const response = await worker.post('/chatgpt/dispatch', body, bearer(token))
    expect(response.status).toBe(422)
    const answer = (await response.json()) as { error: string; message: string; details: { field: string; message: string }[] }
    expect(answer.error).toBe('validation_failed')
    expect(answer.details).toEqual([{ field: 'body.client_payload', rule: 'custom', message: `must nest at most ${MAX_JSON_DEPTH} arrays or objects deep` }])
    expect(worker.github.received).toEqual([])
    await worker.settled()
    const { results } = await bindings.AUDIT_DB!.prepare('SELECT outcome, status, error FROM audit_events WHERE request_id = ?').bind(response.headers.get('X-Request-Id')).all()
    expect(results).toEqual([{ outcome: 'refused', status: 422, error: 'validation_failed' }])
  })

  it('stays a 422 at the deepest nesting the body limit lets through', async () => {
    const token = `actions-token-${crypto.randomUUID()}`
    const worker = relaykit({ ACTIONS_TOKEN: token })
    const deepest = JSON.stringify({
      owner: 'octo-org',
      repo: 'hivemind',
      event_type: 'deploy-preview',
      client_payload: { deep: nested(49_000) },
      idempotency_key: crypto.randomUUID(),
    })
    const response = await worker.post('/chatgpt/dispatch', deepest, bearer(token))
    expect(response.status).toBe(422)
    expect(worker.github.received).toEqual([])
  })

  it(`is accepted up to ${MAX_JSON_DEPTH} levels, the payload itself counted`, async () => {
    const worker = relaykit()
    const send = (depth: number) =>
      worker.post(
        '/chatgpt/dispatch',
        { owner: 'octo-org', repo: 'hivemind', event_type: 'deploy-preview', client_payload: { deep: nested(depth - 1) } },
        bearer(worker.env.ACTIONS_TOKEN!),
      )
    expect((await send(MAX_JSON_DEPTH)).status).toBe(202)
    expect((await send(MAX_JSON_DEPTH + 1)).status).toBe(422)
  })
})

describe('every free-form field of a request', () => {
  const fields = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.values(methods as Record<string, { requestBody?: { content: { 'application/json': { schema: Schema } } } }>).flatMap((operation) => {
      const body = operation.requestBody?.content['application/json'].schema
      return body ? freeFormFields(body, `${path} body`) : []
    }),
  )

  it('is found (the walk sees client_payload)', () => {
    expect(fields.map((field) => field.at)).toContain('/chatgpt/dispatch body.client_payload')
  })

  it.each(fields.map((field) => [field.at, field.schema.description ?? '']))('%s states the depth bound of freeFormObject()', (_, description) => {
    expect(description).toContain(`nested at most ${MAX_JSON_DEPTH} levels deep`)
  })
})

describe('canonical JSON', () => {
  it('sorts object keys at every depth and otherwise serialises as JSON.stringify does', () => {
    const value = { b: [1, { z: null, a: 'x' }], a: { d: true, c: 2.5 }, e: [] }
    expect(canonicalJson(value)).toBe('{"a":{"c":2.5,"d":true},"b":[1,{"a":"x","z":null}],"e":[]}')
    expect(JSON.parse(canonicalJson(value))).toEqual(value)
    expect(canonicalJson({ text: 'quote " and \u2028' })).toBe(JSON.stringify({ text: 'quote " and \u2028' }))
  })

  it('holds at any depth: no recursion to exhaust the stack', () => {
    const deep = nested(200_000)
    const text = canonicalJson({ deep })
    expect(text.length).toBe('{"deep":'.length + 400_001 + 1)
    expect(text.startsWith('{"deep":[[[')).toBe(true)
  })
})

describe('boundedDepth', () => {
  const nested = (depth: number): unknown => (depth === 1 ? {} : { a: nested(depth - 1) })
  it('bounds a pass-through body as deep as a free-form field', () => {
    const body = boundedDepth(z.object({}).loose())
    expect(body.safeParse(nested(MAX_JSON_DEPTH)).success).toBe(true)
    expect(body.safeParse(nested(MAX_JSON_DEPTH + 1)).error?.issues[0]?.message).toBe(`must nest at most ${MAX_JSON_DEPTH} arrays or objects deep`)
  })
})
