import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import { AUDIT_TOKEN_SCHEME, auditRoutes } from '../relays/audit/contract.js'
import { chatkitRoutes } from '../relays/chatkit/contract.js'
import { ACTIONS_TOKEN_SCHEME, githubRoutes } from '../relays/github/contract.js'
import { ACCESS_TOKEN_SCHEME, gatewayRoutes } from '../relays/gateway/contract.js'
import { metaRoutes } from './contract.js'
import { OPENAI_RELAY_BEARER_SCHEME, OPENAI_RELAY_SECRET_HEADER_SCHEME, openaiRoutes } from '../relays/openai/contract.js'
import { operatorRoutes, RELAY_SECRET_SCHEME } from '../relays/operator/contract.js'

// Builds relaykit's two OpenAPI documents from the route contracts alone (no handlers, no
// Workers runtime), so scripts/generate.ts can run in Node. The Worker serves the committed files.

/** Stands in for the deployment's origin in committed files; served copies replace it. */
export const SERVER_PLACEHOLDER = 'https://relaykit.example.workers.dev'

export const VERSION = '0.1.0'

const securitySchemes = {
  [ACTIONS_TOKEN_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description: 'The ACTIONS_TOKEN secret. In the GPT editor: Authentication → API key → Bearer.',
  },
  [RELAY_SECRET_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description: 'The RELAY_SECRET secret, for devices and scripts calling the operator relay.',
  },
  [AUDIT_TOKEN_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description: 'The AUDIT_TOKEN secret, for the operator reading the audit trail.',
  },
  [OPENAI_RELAY_SECRET_HEADER_SCHEME]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Relay-Secret',
    description: 'The OPENAI_RELAY_SECRET secret, for servers and tools calling the OpenAI relay. Never ship it in a browser bundle: browsers use the gateway relay.',
  },
  [OPENAI_RELAY_BEARER_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description: 'The OPENAI_RELAY_SECRET secret as a bearer token, which is how OpenAI SDKs send their API key.',
  },
  [ACCESS_TOKEN_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "A signed-in user's access token from the deployment's Kinde business (or OIDC issuer).",
  },
} as const

/** Every relaykit operation: what /openapi.json and /docs show. */
export const allRoutes: readonly RouteConfig[] = [...githubRoutes, ...operatorRoutes, ...openaiRoutes, ...gatewayRoutes, ...chatkitRoutes, ...auditRoutes, ...metaRoutes]

/**
 * Only what a Custom GPT should call: one bearer secret (ACTIONS_TOKEN), so only the GitHub relay,
 * and no header parameters (GPT Actions cannot send them; the idempotency key has a body field).
 */
export const actionsRoutes: readonly RouteConfig[] = githubRoutes.map((route: RouteConfig) => ({
  ...route,
  request: { ...route.request, headers: undefined },
}))

function buildDocument(routes: readonly RouteConfig[], title: string, description: string) {
  const app = new OpenAPIHono()
  const registry = app.openAPIRegistry
  const usedSchemes = new Set(routes.flatMap((route) => (route.security ?? []).flatMap((requirement) => Object.keys(requirement))))
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    if (usedSchemes.has(name)) registry.registerComponent('securitySchemes', name, scheme)
  }
  for (const route of routes) registry.registerPath(route)
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title, version: VERSION, description },
    servers: [{ url: SERVER_PLACEHOLDER }],
  })
}

export function buildOpenApiDocument() {
  return buildDocument(
    allRoutes,
    'relaykit',
    'relaykit keeps upstream secrets (GitHub, OpenAI) inside a Cloudflare Worker. Callers prove who they are and get only what the server-side policy allows.',
  )
}

export function buildActionsDocument() {
  return buildDocument(
    actionsRoutes,
    'relaykit GitHub actions',
    'Read and act on pull requests and workflows in the GitHub repositories this deployment allows: list pull requests, comment, add labels, send repository_dispatch events and run workflows. It cannot merge, close, delete or write files.',
  )
}
