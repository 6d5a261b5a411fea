/**
 * Contract checks for relaykit's traffic to (fake) GitHub, based on the
 * operations extracted from GitHub's official OpenAPI description by
 * scripts/github-rest-fixture.ts. Runs inside workerd: web-standard APIs only.
 */
import { Validator, type Schema } from '@cfworker/json-schema'
import fixture from '../fixtures/github-rest-operations.json'

type JsonSchema = boolean | Schema

interface ContractParameter {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  schema: JsonSchema
}

interface ContractOperation {
  operationId: string
  method: string
  path: string
  parameters: ContractParameter[]
  requestBody: { required: boolean; contentType: string; schema: JsonSchema } | null
  responses: Array<{ status: string; hasBody: boolean; contentType: string | null; schema: JsonSchema | null }>
}

interface ContractFixture {
  source: { package: string; packageVersion: string; file: string; openapi: string; specInfoVersion: string }
  operations: ContractOperation[]
}

const contract = fixture as unknown as ContractFixture
const operations: readonly ContractOperation[] = contract.operations

export const githubContractSource: Readonly<ContractFixture['source']> = contract.source

export const githubOperations: ReadonlyArray<{ operationId: string; method: string; path: string }> = operations.map(({ operationId, method, path }) => ({
  operationId,
  method,
  path,
}))

const REQUIRED_ACCEPT = 'application/vnd.github+json'
const MAX_REPORTED_ERRORS = 6

// ---------------------------------------------------------------------------
// Schema validation

const validators = new WeakMap<object, Validator>()

function validate(schema: JsonSchema, instance: unknown): string[] {
  if (schema === true) return []
  if (schema === false) return ['schema is `false`: no value is allowed']
  let validator = validators.get(schema)
  if (!validator) {
    validator = new Validator(schema, '2020-12', false)
    validators.set(schema, validator)
  }
  const result = validator.validate(instance)
  if (result.valid) return []
  const lines = result.errors.map((e) => `${e.instanceLocation} (${e.keywordLocation}): ${e.error}`)
  const unique = [...new Set(lines)]
  return unique.length > MAX_REPORTED_ERRORS ? [...unique.slice(0, MAX_REPORTED_ERRORS), `... and ${unique.length - MAX_REPORTED_ERRORS} more`] : unique
}

function formatErrors(errors: string[]): string {
  return errors.map((e) => `\n  - ${e}`).join('')
}

function preview(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text
}

/** JSON types a schema admits at the top level (following allOf/anyOf/oneOf). */
function allowedTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>()
  const visit = (s: JsonSchema | undefined) => {
    if (s === undefined || typeof s === 'boolean') {
      if (s === true) for (const t of ['string', 'number', 'integer', 'boolean']) types.add(t)
      return
    }
    if (typeof s.type === 'string') types.add(s.type)
    else if (Array.isArray(s.type)) for (const t of s.type) types.add(t)
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) for (const branch of s[key] ?? []) visit(branch)
    if (Array.isArray(s.enum)) for (const v of s.enum) types.add(typeof v)
    if (s.const !== undefined) types.add(typeof s.const)
  }
  visit(schema)
  return types
}

const NUMERIC = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/

/**
 * Validates a string taken from a URL or header against a parameter schema,
 * coercing it to number/integer/boolean where the schema asks for that type.
 * Passes if any admissible interpretation validates.
 */
function validateStringParam(schema: JsonSchema, raw: string): string[] {
  const types = allowedTypes(schema)
  const candidates: unknown[] = []
  if ((types.has('integer') || types.has('number')) && NUMERIC.test(raw)) candidates.push(Number(raw))
  if (types.has('boolean') && (raw === 'true' || raw === 'false')) candidates.push(raw === 'true')
  candidates.push(raw)
  let firstErrors: string[] | null = null
  for (const candidate of candidates) {
    const errors = validate(schema, candidate)
    if (errors.length === 0) return []
    firstErrors ??= errors
  }
  return firstErrors ?? []
}

// ---------------------------------------------------------------------------
// Requests

function splitTemplate(path: string): string[] {
  return path.split('/')
}

interface PathMatch {
  op: ContractOperation
  rawParams: Record<string, string>
  literalSegments: number
}

function matchPath(op: ContractOperation, segments: string[]): PathMatch | null {
  const template = splitTemplate(op.path)
  if (template.length !== segments.length) return null
  const rawParams: Record<string, string> = {}
  let literalSegments = 0
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!
    const s = segments[i]!
    const param = /^\{([^}]+)\}$/.exec(t)
    if (param) {
      if (s === '') return null
      rawParams[param[1]!] = s
    } else {
      if (t !== s) return null
      literalSegments++
    }
  }
  return { op, rawParams, literalSegments }
}

function describeOperations(): string {
  return operations.map((o) => `\n  - ${o.method} ${o.path} (${o.operationId})`).join('')
}

/** Shows the auth scheme and at most 4 characters of the credential. */
function redact(authorization: string): string {
  const [scheme = '', ...rest] = authorization.split(' ')
  const credential = rest.join(' ')
  return credential ? `${scheme} ${credential.slice(0, 4)}…` : scheme
}

function headerValue(headers: Headers, name: string): string | null {
  const value = headers.get(name)
  return value === null ? null : value.trim()
}

/**
 * Checks a request relaykit sent to GitHub against the recorded OpenAPI
 * operations. Throws an Error describing the first contract violation found.
 */
export function checkGitHubRequest(method: string, url: string | URL, headers: Headers, bodyText: string | null): { operationId: string; pathParams: Record<string, string> } {
  const target = typeof url === 'string' ? new URL(url) : url
  const upperMethod = method.toUpperCase()
  const label = `${upperMethod} ${target.pathname}${target.search}`

  // --- operation lookup (raw segments: an encoded %2F stays inside its segment)
  const segments = target.pathname.split('/')
  const pathMatches = operations
    .map((op) => matchPath(op, segments))
    .filter((m): m is PathMatch => m !== null)
    .sort((a, b) => b.literalSegments - a.literalSegments)
  const match = pathMatches.find((m) => m.op.method === upperMethod)
  if (!match) {
    if (pathMatches.length > 0) {
      const allowed = pathMatches.map((m) => `${m.op.method} (${m.op.operationId})`).join(', ')
      throw new Error(`GitHub contract: ${label}: path matches ${pathMatches[0]!.op.path} but method ${upperMethod} is not documented for it; allowed: ${allowed}`)
    }
    throw new Error(`GitHub contract: ${label} matches none of the recorded GitHub operations:${describeOperations()}`)
  }
  const { op } = match
  const where = `GitHub contract: ${label} (${op.operationId})`

  // --- path parameters
  const pathParams: Record<string, string> = {}
  for (const [name, raw] of Object.entries(match.rawParams)) {
    let decoded: string
    try {
      decoded = decodeURIComponent(raw)
    } catch {
      throw new Error(`${where}: path parameter "${name}" segment ${JSON.stringify(raw)} is not valid percent-encoding`)
    }
    pathParams[name] = decoded
  }
  for (const param of op.parameters) {
    if (param.in !== 'path') continue
    const value = pathParams[param.name]
    if (value === undefined) {
      throw new Error(`${where}: required path parameter "${param.name}" is missing`)
    }
    const errors = validateStringParam(param.schema, value)
    if (errors.length > 0) {
      throw new Error(`${where}: path parameter "${param.name}"=${JSON.stringify(value)} does not match schema ${JSON.stringify(param.schema)}:${formatErrors(errors)}`)
    }
  }

  // --- query parameters
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const declared = new Set(queryParams.map((p) => p.name))
  for (const key of new Set(target.searchParams.keys())) {
    if (!declared.has(key)) {
      throw new Error(`${where}: query parameter "${key}" is not declared by the operation (declared: ${[...declared].join(', ') || 'none'})`)
    }
  }
  for (const param of queryParams) {
    const values = target.searchParams.getAll(param.name)
    if (values.length === 0) {
      if (param.required) throw new Error(`${where}: required query parameter "${param.name}" is missing`)
      continue
    }
    if (values.length > 1 && !allowedTypes(param.schema).has('array')) {
      throw new Error(`${where}: query parameter "${param.name}" is repeated (${values.length} times)`)
    }
    for (const value of values) {
      const errors = validateStringParam(param.schema, value)
      if (errors.length > 0) {
        throw new Error(`${where}: query parameter "${param.name}"=${JSON.stringify(value)} does not match schema ${JSON.stringify(param.schema)}:${formatErrors(errors)}`)
      }
    }
  }

  // --- GitHub's standard request headers
  const accept = headerValue(headers, 'accept')
  if (accept === null || accept.toLowerCase() !== REQUIRED_ACCEPT) {
    throw new Error(`${where}: Accept header must be "${REQUIRED_ACCEPT}", got ${JSON.stringify(accept)}`)
  }
  const apiVersion = headerValue(headers, 'x-github-api-version')
  if (!apiVersion) {
    throw new Error(`${where}: X-GitHub-Api-Version header is missing`)
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) {
    throw new Error(`${where}: X-GitHub-Api-Version must be a date like 2022-11-28, got ${JSON.stringify(apiVersion)}`)
  }
  if (!headerValue(headers, 'user-agent')) {
    throw new Error(`${where}: User-Agent header is missing (GitHub rejects requests without one)`)
  }
  const authorization = headers.get('authorization')
  if (authorization === null || !/^Bearer [^\s]+$/.test(authorization)) {
    throw new Error(`${where}: Authorization header must be "Bearer <token>", got ${authorization === null ? 'none' : JSON.stringify(redact(authorization))}`)
  }

  // --- declared header parameters
  for (const param of op.parameters) {
    if (param.in !== 'header') continue
    const value = headers.get(param.name)
    if (value === null) {
      if (param.required) throw new Error(`${where}: required header "${param.name}" is missing`)
      continue
    }
    const errors = validateStringParam(param.schema, value)
    if (errors.length > 0) {
      throw new Error(`${where}: header "${param.name}"=${JSON.stringify(value)} does not match schema ${JSON.stringify(param.schema)}:${formatErrors(errors)}`)
    }
  }

  // --- request body
  const hasBody = bodyText !== null && bodyText !== ''
  if (!op.requestBody) {
    if (hasBody) throw new Error(`${where}: operation takes no request body, got ${JSON.stringify(preview(bodyText))}`)
  } else if (!hasBody) {
    if (op.requestBody.required) throw new Error(`${where}: request body is required but missing`)
  } else {
    const contentType = headers.get('content-type')
    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
    if (mediaType !== op.requestBody.contentType.toLowerCase()) {
      throw new Error(`${where}: request body must be sent with Content-Type "${op.requestBody.contentType}", got ${JSON.stringify(contentType)}`)
    }
    let body: unknown
    try {
      body = JSON.parse(bodyText)
    } catch (error) {
      throw new Error(`${where}: request body is not valid JSON (${String(error)}): ${JSON.stringify(preview(bodyText))}`)
    }
    const errors = validate(op.requestBody.schema, body)
    if (errors.length > 0) {
      throw new Error(`${where}: request body does not match GitHub's schema:${formatErrors(errors)}\n  body: ${preview(bodyText)}`)
    }
  }

  return { operationId: op.operationId, pathParams }
}

// ---------------------------------------------------------------------------
// Responses

/**
 * Checks a (fake) GitHub response against the documented responses of an
 * operation. Throws when the status is undocumented or the body does not fit.
 */
export function checkGitHubResponse(operationId: string, status: number, bodyText: string | null): void {
  const op = operations.find((o) => o.operationId === operationId)
  if (!op) {
    throw new Error(`GitHub contract: unknown operationId ${JSON.stringify(operationId)}; known: ${operations.map((o) => o.operationId).join(', ')}`)
  }
  const where = `GitHub contract: ${op.operationId} response ${status}`
  const statusText = String(status)
  const response =
    op.responses.find((r) => r.status === statusText) ??
    op.responses.find((r) => r.status.toUpperCase() === `${statusText[0]}XX`) ??
    op.responses.find((r) => r.status === 'default')
  if (!response) {
    throw new Error(`${where}: status ${status} is not documented (documented: ${op.responses.map((r) => r.status).join(', ')})`)
  }
  const hasBody = bodyText !== null && bodyText !== ''
  if (!response.hasBody) {
    if (hasBody) {
      throw new Error(`${where}: GitHub documents no body for this status, got ${JSON.stringify(preview(bodyText))}`)
    }
    return
  }
  if (!hasBody) {
    throw new Error(`${where}: GitHub documents a ${response.contentType ?? ''} body for this status, got none`)
  }
  if (response.schema === null) return // non-JSON body: nothing to validate
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch (error) {
    throw new Error(`${where}: body is not valid JSON (${String(error)}): ${JSON.stringify(preview(bodyText))}`)
  }
  const errors = validate(response.schema, body)
  if (errors.length > 0) {
    throw new Error(`${where}: body does not match GitHub's schema:${formatErrors(errors)}`)
  }
}
