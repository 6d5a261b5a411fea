import { OpenAPIHono } from '@hono/zod-openapi'
import { METHOD_NAME_ALL } from 'hono/router'
import { describe, expect, it } from 'vitest'
import actions from '../../openapi/cf-openapi.json'
import full from '../../openapi/openapi.json'
import { SERVER_PLACEHOLDER } from '../../src/meta/documents.js'
import { metaRouteTable } from '../../src/meta/route-table.js'
import { type MetaOptions, metaRoutes } from '../../src/meta/routes.js'
import { generateActionsDocument, generateOpenApiDocument } from '../../src/meta/specs.js'
import type { RelayDependencies } from '../../src/platform/relay-module.js'
import { relays } from '../../src/relays.js'
import { relaykit } from '../support/harness.js'

// The ChatGPT Actions rules (OpenAI's GPT Actions docs), enforced on the generated cf-openapi.json.

type Schema = { $ref?: string; description?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[] }

type Operation = {
  operationId: string
  summary?: string
  description?: string
  parameters?: { in: string; description?: string }[]
  security?: Record<string, string[]>[]
  requestBody?: { content: Record<string, { schema?: Schema }> }
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
  'x-openai-isConsequential'?: boolean
}

const schemaOf = (schema: Schema): Schema => (schema.$ref ? ((actions.components.schemas as Record<string, Schema>)[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema)

/** The fields of a request body, at every depth, that carry no description for the model. */
function undescribedFields(schema: Schema | undefined, at: string): string[] {
  if (!schema) return []
  const node = schemaOf(schema)
  return [
    ...Object.entries(node.properties ?? {}).flatMap(([name, property]) => [
      ...(property.description?.trim() || schemaOf(property).description?.trim() ? [] : [`${at}.${name}`]),
      ...undescribedFields(property, `${at}.${name}`),
    ]),
    ...undescribedFields(node.items, `${at}[]`),
    ...(node.anyOf ?? []).flatMap((option) => undescribedFields(option, at)),
  ]
}

const operations = Object.entries(actions.paths as unknown as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, ...operation })),
)

describe('cf-openapi.json is fit for ChatGPT Actions', () => {
  it('is OpenAPI 3.1 with exactly one https server', () => {
    expect(actions.openapi).toMatch(/^3\.1\./)
    expect(actions.servers).toHaveLength(1)
    expect(actions.servers[0]!.url).toMatch(/^https:\/\//)
  })

  it('holds exactly the GitHub relay operations', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([
      'addLabelsToPullRequest',
      'commentOnPullRequest',
      'dispatchWorkflow',
      'getLimits',
      'listPullRequests',
      'sendRepositoryDispatch',
    ])
  })

  it('has unique operationIds', () => {
    const ids = operations.map((operation) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each(operations)('$operationId: summary and description of at most 300 characters, written out', (operation) => {
    expect(operation.summary!.length).toBeGreaterThan(10)
    expect(operation.summary!.length).toBeLessThanOrEqual(300)
    expect(operation.description!.length).toBeGreaterThan(40)
    expect(operation.description!.length).toBeLessThanOrEqual(300)
  })

  it.each(operations)('$operationId: no header parameters, and parameter descriptions of at most 700 characters', (operation) => {
    for (const parameter of operation.parameters ?? []) {
      expect(parameter.in).not.toBe('header')
      expect((parameter.description ?? '').length).toBeLessThanOrEqual(700)
    }
  })

  it.each(operations)('$operationId: bearer auth, a JSON body on POST (none on GET), JSON answers, no 204', (operation) => {
    expect(operation.security).toEqual([{ actionsToken: [] }])
    if (operation.method === 'post') expect(Object.keys(operation.requestBody!.content)).toEqual(['application/json'])
    else expect([operation.method, operation.requestBody, operation.parameters ?? []]).toEqual(['get', undefined, []])
    expect(Object.keys(operation.responses)).not.toContain('204')
    for (const response of Object.values(operation.responses)) expect(Object.keys(response.content ?? {})).toEqual(['application/json'])
  })

  it.each(operations)('$operationId: x-openai-isConsequential is false only on the reads', (operation) => {
    expect(operation['x-openai-isConsequential']).toBe(!['listPullRequests', 'getLimits'].includes(operation.operationId))
  })

  it.each(operations)('$operationId: every field and parameter a model fills in has a description', (operation) => {
    const undescribed = [
      ...(operation.parameters ?? []).flatMap((parameter) => (parameter.description?.trim() ? [] : [`parameter ${parameter.in}`])),
      ...undescribedFields(operation.requestBody?.content['application/json']?.schema, 'body'),
    ]
    expect(undescribed).toEqual([])
  })

  it('shows a comment as one required `body`, without its deprecated alias', () => {
    const comment = schemaOf({ $ref: '#/components/schemas/CommentRequest' })
    expect(comment.required).toContain('body')
    expect(Object.keys(comment.properties ?? {})).not.toContain('comment')
    expect(JSON.stringify(actions)).not.toMatch(/"deprecated"/)
    // openapi.json keeps documenting it, as deprecated.
    expect((full.components.schemas.CommentRequest.properties as Record<string, { deprecated?: boolean }>).comment?.deprecated).toBe(true)
  })

  it('lets a GPT learn its limits: a read that says to call it when unsure', () => {
    const limits = operations.find((operation) => operation.operationId === 'getLimits')!
    expect([limits.method, limits['x-openai-isConsequential']]).toEqual(['get', false])
    expect(limits.description).toMatch(/when unsure/)
    expect(Object.keys(schemaOf(limits.responses['200']!.content!['application/json']!.schema).properties ?? {})).toEqual(
      expect.arrayContaining(['repositories', 'event_types', 'workflows', 'rate_limit']),
    )
  })

  it('declares only the bearer scheme ChatGPT is given', () => {
    expect(actions.components.securitySchemes).toEqual({ actionsToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }) })
  })

  it('every description in the document stays within its limit', () => {
    const tooLong: string[] = []
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        for (const [i, child] of node.entries()) walk(child, `${path}/${i}`)
        return
      }
      if (typeof node !== 'object' || node === null) return
      for (const [key, value] of Object.entries(node)) {
        if (key === 'description' && typeof value === 'string' && value.length > 700) tooLong.push(path)
        walk(value, `${path}/${key}`)
      }
    }
    walk(actions, '#')
    expect(tooLong).toEqual([])
  })
})

describe('the served specs', () => {
  it.each([['/openapi.json'], ['/cf-openapi.json']])('%s names the origin it was fetched from', async (path) => {
    const body = (await (await relaykit().fetch(new Request(`https://relay.acme.dev${path}`))).json()) as { servers: { url: string }[] }
    expect(body.servers).toEqual([{ url: 'https://relay.acme.dev' }])
  })

  it('are the committed files, not something built at run time', async () => {
    const served = (await (await relaykit().fetch('/openapi.json')).json()) as typeof full
    expect({ ...served, servers: full.servers }).toEqual(full)
    expect(full.servers).toEqual([{ url: SERVER_PLACEHOLDER }])
  })
})

describe('the contracts and the Worker agree', () => {
  const dependencies: RelayDependencies = { fetch: () => fetch, reservedPathSegments: () => [] }
  // Registering routes reads none of these.
  const metaOptions: MetaOptions = {
    states: [],
    shared: () => ({ allowedOrigins: [], maxBodyBytes: 0, relays: [], rootRelay: [], invalid: [] }),
    sandbox: undefined,
    sandboxOn: () => false,
    envOf: (env) => env,
  }
  /** `METHOD path` of each route a Hono app registers (an entry per handler of a route's chain). */
  const registeredRoutes = (routes: { routes: readonly { method: string; path: string }[] }) =>
    [...new Set(routes.routes.flatMap((route) => (route.method === METHOD_NAME_ALL ? [] : [`${route.method} ${route.path}`])))].sort()
  const tableRoutes = (table: readonly (readonly [string, string])[]) => table.map(([method, path]) => `${method} ${path}`).sort()

  it('the committed specs are what the contracts generate', async () => {
    expect(await generateOpenApiDocument()).toEqual(full)
    expect(await generateActionsDocument()).toEqual(actions)
  })

  it('the Worker registers exactly the routes of openapi.json, with the same contracts', async () => {
    // relaykit's own routes and every relay's, which the app builds on their first request.
    const registered = new OpenAPIHono().route('/', metaRoutes(metaOptions))
    for (const relay of relays) registered.route('/', (await relay.routes())(dependencies))
    expect(registered.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'relaykit', version: full.info.version } }).paths).toEqual(full.paths)
  })

  it("each relay's route table, which guards and dispatches its requests, is the routes it builds", async () => {
    for (const relay of relays) {
      expect([relay.name, registeredRoutes((await relay.routes())(dependencies))]).toEqual([relay.name, tableRoutes(relay.routeTable)])
    }
  })

  it("relaykit's own route table is the routes it builds", () => {
    expect(registeredRoutes(metaRoutes(metaOptions))).toEqual(tableRoutes(metaRouteTable))
  })
})
