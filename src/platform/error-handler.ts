import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './app-env.js'
import { relaykitEnvelope } from './error-envelope.js'
import { RelayError } from './relay-error.js'
import { log, errorName } from './log.js'

/** Answers a refusal in the error shape of the path it came to (relaykit's own unless a relay declared another). */
export function errorResponse(c: Context<AppEnv>, error: RelayError): Response {
  const envelope = c.get('errorEnvelope') ?? relaykitEnvelope
  const body = envelope(error, c.get('requestId'))
  c.set('errorCode', error.code)
  // An error is about this request only; no cache on the way may keep it.
  c.header('Cache-Control', 'no-store')
  for (const [name, value] of Object.entries(error.extras.headers ?? {})) c.header(name, value)
  if (error.status === 401) c.header('WWW-Authenticate', 'Bearer realm="relaykit"')
  return c.json(body as object, error.status)
}

/** Turns anything thrown into relaykit's error shape; unknown errors never show their text. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof RelayError) return errorResponse(c, error)
  if (error instanceof HTTPException && error.status === 400) {
    return errorResponse(c, new RelayError(400, 'invalid_json', 'The request body is not valid JSON. Send a JSON object with `Content-Type: application/json`.'))
  }
  if (error instanceof HTTPException && error.status === 415) {
    return errorResponse(c, new RelayError(415, 'unsupported_media_type', 'Send the body as JSON with `Content-Type: application/json`.'))
  }
  if (error instanceof HTTPException) {
    return errorResponse(c, new RelayError(error.status as RelayError['status'], 'http_error', error.message || 'The request could not be handled.'))
  }
  // Only the class name is logged: an unexpected message could carry request data.
  log('error', 'unhandled', { request_id: c.get('requestId'), error: errorName(error) })
  return errorResponse(c, new RelayError(500, 'internal_error', 'relaykit failed unexpectedly. Try again; if it persists, report the request_id.'))
}

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(c, new RelayError(404, 'not_found', `There is no ${c.req.method} ${new URL(c.req.url).pathname}. See /docs for the routes.`))
