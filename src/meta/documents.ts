import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'

// Builds relaykit's two OpenAPI documents from the route contracts alone (no handlers, no
// Workers runtime), so scripts/generate.ts can run in Node. The Worker serves the committed files.

/** Stands in for the deployment's origin in committed files; served copies replace it. */
export const SERVER_PLACEHOLDER = 'https://relaykit.example.workers.dev'

export const VERSION = '0.1.0'

export interface DocumentedContract {
  routes: readonly RouteConfig[]
  securitySchemes: Record<string, Record<string, unknown>>
  actions?: boolean
}

/**
 * Only what a Custom GPT should call: the contracts meant for Actions (one bearer secret each),
 * without header parameters (GPT Actions cannot send them; the idempotency key has a body field).
 */
const forActions = (contracts: readonly DocumentedContract[]): DocumentedContract[] =>
  contracts
    .filter((contract) => contract.actions)
    .map((contract) => ({ ...contract, routes: contract.routes.map((route) => ({ ...route, request: { ...route.request, headers: undefined } })) }))

function buildDocument(contracts: readonly DocumentedContract[], title: string, description: string) {
  const app = new OpenAPIHono()
  const registry = app.openAPIRegistry
  const routes = contracts.flatMap((contract) => contract.routes)
  const schemes: Record<string, Record<string, unknown>> = Object.assign({}, ...contracts.map((contract) => contract.securitySchemes))
  const usedSchemes = new Set(routes.flatMap((route) => (route.security ?? []).flatMap((requirement) => Object.keys(requirement))))
  for (const [name, scheme] of Object.entries(schemes)) {
    if (usedSchemes.has(name)) registry.registerComponent('securitySchemes', name, scheme as never)
  }
  for (const route of routes) registry.registerPath(route)
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title, version: VERSION, description },
    servers: [{ url: SERVER_PLACEHOLDER }],
  })
}

export function buildOpenApiDocument(contracts: readonly DocumentedContract[]) {
  return buildDocument(
    contracts,
    'relaykit',
    "relaykit keeps upstream secrets (GitHub, OpenAI) inside a Cloudflare Worker. Callers prove who they are and get only what the server-side policy allows. A path asked with a method it does not take answers 405 Method Not Allowed with an `Allow` header, in that path's error shape, before any credential is checked.",
  )
}

type SchemaNode = { properties?: Record<string, { deprecated?: boolean }>; required?: string[] }

/**
 * The Actions document without deprecated fields: a model fills in what it sees, and an older
 * alias beside its replacement only invites it to send both. The Worker still accepts them.
 */
function withoutDeprecatedFields<D extends { components?: { schemas?: Record<string, unknown> } }>(document: D): D {
  for (const schema of Object.values(document.components?.schemas ?? {}) as SchemaNode[]) {
    const deprecated = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => (property.deprecated ? [name] : []))
    for (const name of deprecated) delete schema.properties?.[name]
    if (schema.required) schema.required = schema.required.filter((name) => !deprecated.includes(name))
  }
  return document
}

export function buildActionsDocument(contracts: readonly DocumentedContract[]) {
  return withoutDeprecatedFields(
    buildDocument(
      forActions(contracts),
      'relaykit GitHub actions',
      'Read and act on pull requests and workflows in the GitHub repositories this deployment allows: list pull requests, comment, add labels, send repository_dispatch events and run workflows. It cannot merge, close, delete or write files. getLimits tells which repositories, event types and workflows are allowed.',
    ),
  )
}
