import { Validator, type Schema } from '@cfworker/json-schema'
import spec from '../../openapi/openapi.json'

// Checks relaykit's real responses against the committed openapi/openapi.json (not the zod
// schemas), and remembers which documented (operation, status) pairs some test produced.

type Header = { required?: boolean; schema: Schema }
type Operation = { operationId: string; tags?: string[]; responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, Header> }> }
const paths = spec.paths as unknown as Record<string, Record<string, Operation>>
const components = spec.components as unknown as Record<string, unknown>

const validators = new Map<string, Validator>()

function validatorFor(key: string, schema: Schema): Validator {
  let validator = validators.get(key)
  if (!validator) {
    validator = new Validator({ ...schema, components } as Schema, '2020-12', false)
    validators.set(key, validator)
  }
  return validator
}

const operations = () => Object.values(paths).flatMap((methods) => Object.values(methods))

/** Every `operationId status` the spec documents for operations with one of these tags. */
export function documentedResponses(tags: readonly string[]): string[] {
  return operations()
    .filter((operation) => operation.tags?.some((tag) => tags.includes(tag)))
    .flatMap((operation) => Object.keys(operation.responses).map((status) => `${operation.operationId} ${status}`))
}

/** Every tag some operation in the spec carries. */
export const documentedTags = () => [...new Set(operations().flatMap((operation) => operation.tags ?? []))].sort()

export const producedResponses = new Set<string>()

/**
 * Throws unless `response` is one the spec documents for this method and path: a documented
 * status, the documented content type, a body valid against the documented schema, the
 * required headers, and every documented header that is present valid. Returns the parsed body.
 */
export async function expectDocumented(method: string, path: string, response: Response): Promise<unknown> {
  const operation = paths[path]?.[method.toLowerCase()]
  if (!operation) throw new Error(`${method} ${path} is not in openapi.json`)
  const documented = operation.responses[String(response.status)]
  const text = await response.clone().text()
  if (!documented) throw new Error(`${operation.operationId} answered ${response.status}, which openapi.json does not document: ${text.slice(0, 300)}`)
  const contentType = response.headers.get('content-type') ?? ''
  const mediaTypes = Object.keys(documented.content ?? {})
  const mediaType = mediaTypes.find((type) => contentType.startsWith(type))
  const media = mediaType ? documented.content?.[mediaType] : undefined
  if (mediaTypes.length > 0 && !mediaType) throw new Error(`${operation.operationId} ${response.status}: content-type ${contentType}, documented ${mediaTypes.join(' or ')}`)
  let body: unknown
  if (mediaType === 'text/event-stream') {
    // A stream's events are checked by the clients that read them (the openai SDK tests).
    if (!/^data: /m.test(text)) throw new Error(`${operation.operationId} ${response.status}: an event stream without a data line`)
    body = text
  } else if (mediaType === 'text/html') {
    // A page is checked by the browser tests that open it.
    if (!/^<!doctype html>/i.test(text)) throw new Error(`${operation.operationId} ${response.status}: a page that is not an HTML document`)
    body = text
  } else if (mediaType && media) {
    body = JSON.parse(text)
    const result = validatorFor(`${operation.operationId} ${response.status}`, media.schema).validate(body)
    if (!result.valid) {
      const errors = result.errors.slice(-4).map((error) => `${error.instanceLocation}: ${error.error}`)
      throw new Error(`${operation.operationId} ${response.status} body breaks openapi.json:\n  ${errors.join('\n  ')}\n  body: ${text.slice(0, 300)}`)
    }
  }
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const value = response.headers.get(name)
    if (value === null) {
      if (header.required) throw new Error(`${operation.operationId} ${response.status} lacks the required header ${name}`)
      continue
    }
    if (!validatorFor(`${operation.operationId} ${response.status} ${name}`, header.schema).validate(value).valid) {
      throw new Error(`${operation.operationId} ${response.status}: header ${name}: ${value} breaks its documented schema`)
    }
  }
  producedResponses.add(`${operation.operationId} ${response.status}`)
  return body
}
