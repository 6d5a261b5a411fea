/**
 * Builds a small, deterministic contract fixture for the GitHub REST operations
 * relaykit calls, extracted from GitHub's official OpenAPI description as
 * shipped by `@octokit/openapi` (dereferenced api.github.com variant).
 *
 * OpenAPI 3.0 schema dialect is converted to plain JSON Schema (2020-12
 * compatible) so that `@cfworker/json-schema` can validate against it inside
 * workerd, where eval-based validators cannot run.
 *
 * Runs in Node only (>= 22.3). It deliberately uses no `node:` imports so that
 * it type-checks with the project's Workers-only type configuration.
 */

export type JsonSchema = boolean | { [keyword: string]: unknown }

export interface GitHubRestParameter {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  schema: JsonSchema
}

export interface GitHubRestRequestBody {
  required: boolean
  contentType: string
  schema: JsonSchema
}

export interface GitHubRestResponse {
  /** "200", "204", ... or "default". */
  status: string
  hasBody: boolean
  /** Media type of the documented body, null when there is none. */
  contentType: string | null
  /** JSON Schema of the body, null when no body or no JSON body is documented. */
  schema: JsonSchema | null
}

export interface GitHubRestOperation {
  operationId: string
  /** Upper-case HTTP method. */
  method: string
  /** OpenAPI path template, e.g. /repos/{owner}/{repo}/pulls */
  path: string
  parameters: GitHubRestParameter[]
  requestBody: GitHubRestRequestBody | null
  responses: GitHubRestResponse[]
}

export interface GitHubRestFixture {
  source: {
    package: string
    packageVersion: string
    file: string
    openapi: string
    specInfoVersion: string
  }
  operations: GitHubRestOperation[]
}

export const GITHUB_REST_OPERATIONS: ReadonlyArray<{
  operationId: string
  method: string
  path: string
}> = [
  { operationId: 'pulls/list', method: 'GET', path: '/repos/{owner}/{repo}/pulls' },
  {
    operationId: 'issues/create-comment',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  },
  {
    operationId: 'issues/add-labels',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
  },
  { operationId: 'repos/create-dispatch-event', method: 'POST', path: '/repos/{owner}/{repo}/dispatches' },
  {
    operationId: 'actions/create-workflow-dispatch',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
  },
]

const PACKAGE = '@octokit/openapi'
const SPEC_FILE = 'generated/api.github.com.deref.json'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface NodeBuiltins {
  fs: { readFileSync(path: string, encoding: 'utf8'): string }
  module: { createRequire(from: string): { resolve(id: string): string } }
}

/**
 * Node built-ins via `process.getBuiltinModule` (Node >= 22.3) instead of
 * `node:` imports, so this file type-checks without @types/node. (Importing the
 * spec as a JSON module works too, but is ~20x slower and uses >1.5 GB under tsx.)
 */
function nodeBuiltins(): NodeBuiltins {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  if (typeof proc?.getBuiltinModule !== 'function') {
    throw new Error('buildGitHubRestFixture must run in Node >= 22.3 (process.getBuiltinModule)')
  }
  return {
    fs: proc.getBuiltinModule('node:fs') as NodeBuiltins['fs'],
    module: proc.getBuiltinModule('node:module') as NodeBuiltins['module'],
  }
}

function readPackageJson(id: string): unknown {
  const { fs, module } = nodeBuiltins()
  const require = module.createRequire((import.meta as unknown as { url: string }).url)
  return JSON.parse(fs.readFileSync(require.resolve(id), 'utf8'))
}

export async function buildGitHubRestFixture(): Promise<GitHubRestFixture> {
  const pkg = readPackageJson(`${PACKAGE}/package.json`)
  const spec = readPackageJson(`${PACKAGE}/${SPEC_FILE}`)
  if (!isObject(pkg) || typeof pkg.version !== 'string') {
    throw new Error(`${PACKAGE}/package.json has no version`)
  }
  return buildFixtureFromSpec(spec, pkg.version)
}

/** Exposed separately so the conversion can be exercised without the 73 MB file. */
export function buildFixtureFromSpec(spec: unknown, packageVersion: string): GitHubRestFixture {
  if (!isObject(spec) || !isObject(spec.paths) || !isObject(spec.info)) {
    throw new Error('OpenAPI document has no paths/info')
  }
  const openapi = String(spec.openapi ?? '')
  if (!openapi.startsWith('3.0.')) {
    throw new Error(`expected an OpenAPI 3.0.x document, got openapi=${JSON.stringify(spec.openapi)}`)
  }
  const resolver = new RefResolver(spec)
  const operations = GITHUB_REST_OPERATIONS.map((wanted) => extractOperation(spec.paths as JsonObject, wanted, resolver))
  return {
    source: {
      package: PACKAGE,
      packageVersion,
      file: SPEC_FILE,
      openapi,
      specInfoVersion: String((spec.info as JsonObject).version ?? ''),
    },
    operations,
  }
}

export function fixtureToJson(f: GitHubRestFixture): string {
  return `${JSON.stringify(f, null, 2)}\n`
}

// ---------------------------------------------------------------------------
// $ref resolution (the deref spec should not contain any, but be safe)

class RefResolver {
  constructor(private readonly root: JsonObject) {}

  /** Follows $ref chains; throws on cycles or non-local refs. */
  resolve(node: Json, stack: readonly string[] = []): { node: Json; stack: readonly string[] } {
    let current = node
    let seen = stack
    while (isObject(current) && typeof current.$ref === 'string') {
      const ref = current.$ref
      if (seen.includes(ref)) {
        throw new Error(`recursive $ref ${ref} cannot be inlined (chain: ${[...seen, ref].join(' -> ')})`)
      }
      seen = [...seen, ref]
      current = this.lookup(ref)
    }
    return { node: current, stack: seen }
  }

  private lookup(ref: string): Json {
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref not supported: ${ref}`)
    let node: Json = this.root
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
      if (!isObject(node) && !Array.isArray(node)) throw new Error(`unresolvable $ref ${ref}`)
      const next: Json | undefined = Array.isArray(node) ? node[Number(key)] : node[key]
      if (next === undefined) throw new Error(`unresolvable $ref ${ref}`)
      node = next
    }
    return node
  }
}

// ---------------------------------------------------------------------------
// Operation extraction

function extractOperation(paths: JsonObject, wanted: { operationId: string; method: string; path: string }, resolver: RefResolver): GitHubRestOperation {
  const where = `${wanted.method} ${wanted.path}`
  const pathItem = resolver.resolve(paths[wanted.path] ?? null).node
  if (!isObject(pathItem)) throw new Error(`spec has no path ${wanted.path}`)
  const op = resolver.resolve(pathItem[wanted.method.toLowerCase()] ?? null).node
  if (!isObject(op)) throw new Error(`spec has no operation ${where}`)
  if (op.operationId !== wanted.operationId) {
    throw new Error(`${where}: expected operationId ${wanted.operationId}, spec says ${String(op.operationId)}`)
  }

  // Path-item parameters apply unless the operation overrides the same name+in.
  const merged = new Map<string, JsonObject>()
  for (const list of [pathItem.parameters, op.parameters]) {
    if (list === undefined) continue
    if (!Array.isArray(list)) throw new Error(`${where}: parameters is not an array`)
    for (const p of list) {
      const param = resolver.resolve(p).node
      if (!isObject(param)) throw new Error(`${where}: bad parameter ${JSON.stringify(p)}`)
      merged.set(`${String(param.in)}:${String(param.name)}`, param)
    }
  }
  const parameters: GitHubRestParameter[] = []
  for (const param of merged.values()) {
    const location = param.in
    if (location === 'cookie') continue // GitHub's REST API uses none
    if (location !== 'path' && location !== 'query' && location !== 'header') {
      throw new Error(`${where}: parameter ${String(param.name)} has unsupported location ${String(location)}`)
    }
    if (param.content !== undefined) {
      throw new Error(`${where}: parameter ${String(param.name)} uses "content", which is not supported`)
    }
    const ctx = `${where} ${location} parameter ${String(param.name)}`
    parameters.push({
      name: String(param.name),
      in: location,
      required: location === 'path' ? true : param.required === true,
      schema: param.schema === undefined ? true : convertSchema(param.schema, ctx, resolver, []),
    })
  }

  let requestBody: GitHubRestRequestBody | null = null
  if (op.requestBody !== undefined) {
    const body = resolver.resolve(op.requestBody).node
    if (!isObject(body) || !isObject(body.content)) throw new Error(`${where}: bad requestBody`)
    const media = pickJsonMedia(body.content)
    if (media === null) throw new Error(`${where}: requestBody has no JSON media type`)
    const [contentType, mediaObject] = media
    requestBody = {
      required: body.required === true,
      contentType,
      schema: mediaObject.schema === undefined ? true : convertSchema(mediaObject.schema, `${where} requestBody`, resolver, []),
    }
  }

  if (!isObject(op.responses)) throw new Error(`${where}: no responses`)
  const responses: GitHubRestResponse[] = []
  for (const [status, r] of Object.entries(op.responses)) {
    const response = resolver.resolve(r).node
    if (!isObject(response)) throw new Error(`${where}: bad response ${status}`)
    const content = isObject(response.content) ? response.content : {}
    const mediaTypes = Object.keys(content)
    const media = pickJsonMedia(content)
    responses.push({
      status,
      hasBody: mediaTypes.length > 0,
      contentType: media ? media[0] : (mediaTypes[0] ?? null),
      schema: media && media[1].schema !== undefined ? convertSchema(media[1].schema, `${where} response ${status}`, resolver, []) : null,
    })
  }
  responses.sort((a, b) => statusRank(a.status) - statusRank(b.status))

  return {
    operationId: wanted.operationId,
    method: wanted.method,
    path: wanted.path,
    parameters,
    requestBody,
    responses,
  }
}

function statusRank(status: string): number {
  const n = Number(status)
  if (Number.isInteger(n)) return n
  if (/^[1-5]XX$/i.test(status)) return Number(status[0]) * 100 + 99
  return 1000 // "default"
}

function pickJsonMedia(content: JsonObject): [string, JsonObject] | null {
  const keys = Object.keys(content)
  const key = keys.find((k) => k === 'application/json') ?? keys.find((k) => /^application\/([\w.+-]+\+)?json(;|$)/i.test(k))
  if (key === undefined) return null
  const media = content[key]
  return isObject(media) ? [key, media] : [key, {}]
}

// ---------------------------------------------------------------------------
// OpenAPI 3.0 Schema Object -> JSON Schema (2020-12)

/** Keywords copied verbatim (value is not a schema). */
const VALUE_KEYWORDS = new Set([
  'title',
  'type',
  'enum',
  'const',
  'required',
  'format',
  'default',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
])
/** Keywords whose value is a single schema. */
const SCHEMA_KEYWORDS = new Set(['not', 'items', 'additionalProperties', 'propertyNames', 'contains'])
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf'])
/** Keywords whose value is a map of name -> schema. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties'])
/** OpenAPI-only or annotation keywords that are dropped. */
const DROPPED_KEYWORDS = new Set([
  'description',
  'example',
  'examples',
  'xml',
  'externalDocs',
  'discriminator',
  'readOnly',
  'writeOnly',
  'deprecated',
  'nullable', // handled explicitly
  'exclusiveMaximum', // handled explicitly
  'exclusiveMinimum', // handled explicitly
])

function convertSchema(input: Json, ctx: string, resolver: RefResolver, stack: readonly string[]): JsonSchema {
  const resolved = resolver.resolve(input, stack)
  const node = resolved.node
  if (typeof node === 'boolean') return node
  if (!isObject(node)) throw new Error(`${ctx}: schema is not an object: ${JSON.stringify(node)}`)
  const sub = (child: Json, key: string) => convertSchema(child, `${ctx}/${key}`, resolver, resolved.stack)

  const out: JsonObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || DROPPED_KEYWORDS.has(key)) continue
    if (VALUE_KEYWORDS.has(key)) {
      out[key] = value
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = typeof value === 'boolean' ? value : (sub(value, key) as Json)
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key)) {
      if (!Array.isArray(value)) throw new Error(`${ctx}: ${key} is not an array`)
      out[key] = value.map((v, i) => sub(v, `${key}/${i}`) as Json)
    } else if (SCHEMA_MAP_KEYWORDS.has(key)) {
      if (!isObject(value)) throw new Error(`${ctx}: ${key} is not an object`)
      const map: JsonObject = {}
      for (const [name, v] of Object.entries(value)) map[name] = sub(v, `${key}/${name}`) as Json
      out[key] = map
    } else {
      throw new Error(`${ctx}: unsupported schema keyword "${key}" — extend scripts/github-rest-fixture.ts to convert it`)
    }
  }

  // OpenAPI 3.0 boolean exclusiveMinimum/Maximum -> JSON Schema numeric form.
  for (const [ex, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const flag = node[ex]
    if (flag === true && typeof out[bound] === 'number') {
      out[ex] = out[bound]
      delete out[bound]
    } else if (typeof flag === 'number') {
      out[ex] = flag
    }
  }

  if (Array.isArray(out.oneOf)) out.oneOf = fixNullableOneOf(out.oneOf as JsonObject[])

  if (node.nullable === true) return makeNullable(out)
  return out
}

function makeNullable(schema: JsonObject): JsonObject {
  const hasCombinator = ['allOf', 'anyOf', 'oneOf', 'not'].some((k) => k in schema)
  if (hasCombinator) {
    if (acceptsNull(schema)) return schema
    // Wrap so that null bypasses the combinators; keep the title outside.
    const { title, ...rest } = schema
    const wrapped: JsonObject = { anyOf: [{ type: 'null' }, rest] }
    return title === undefined ? wrapped : { title, ...wrapped }
  }
  if (schema.type === undefined) return schema // untyped schema already accepts null
  const types = Array.isArray(schema.type) ? [...schema.type] : [schema.type]
  if (!types.includes('null')) types.push('null')
  const out: JsonObject = { ...schema, type: types }
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  return out
}

/** True if the schema is one this converter made nullable. */
function acceptsNull(schema: Json): boolean {
  if (!isObject(schema)) return schema === true
  if (Array.isArray(schema.type)) return schema.type.includes('null')
  if (schema.type === 'null') return true
  return Array.isArray(schema.anyOf) && schema.anyOf.some((s) => isObject(s) && s.type === 'null')
}

function stripNull(schema: JsonObject): JsonObject {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null')
    const out: JsonObject = { ...schema, type: types.length === 1 ? (types[0] as Json) : types }
    if (Array.isArray(out.enum)) out.enum = out.enum.filter((v) => v !== null)
    return out
  }
  if (Array.isArray(schema.anyOf) && schema.anyOf.length === 2) {
    const other = schema.anyOf.find((s) => !(isObject(s) && s.type === 'null'))
    if (isObject(other)) return schema.title === undefined ? other : { title: schema.title, ...other }
  }
  return schema
}

/**
 * OpenAPI `oneOf: [{type: string, nullable}, {type: integer, nullable}]` means
 * "string, integer or null"; a literal translation would make null match
 * several branches and fail `oneOf`. Move null into a branch of its own.
 */
function fixNullableOneOf(branches: JsonObject[]): Json[] {
  const nullable = branches.filter((b) => acceptsNull(b) && b.type !== 'null')
  if (nullable.length < 2) return branches
  const out: Json[] = branches.map((b) => (acceptsNull(b) && b.type !== 'null' ? stripNull(b) : b))
  if (!branches.some((b) => b.type === 'null')) out.push({ type: 'null' })
  return out
}
