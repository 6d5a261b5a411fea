import type { Context, MiddlewareHandler } from 'hono'
import { isIdempotencyKey, REPLAYED_HEADER } from '../../contracts/idempotency.js'
import type { AppEnv } from '../app-env.js'
import { sha256Hex } from '../hash.js'
import { jsonObjectBody } from '../json-body.js'
import { RelayError, retryLater } from '../relay-error.js'
import { canonicalJson } from './canonical-json.js'
import type { Claim, IdempotencyRecord, StoredAnswer } from './idempotency-record.js'
import { log, errorName } from '../log.js'

/** How long a first answer is replayed for its key. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000
/** Longer than any write can take (upstream timeouts for writes are at most 40 s). */
const LEASE_MS = 60_000
const UNAVAILABLE_RETRY_SECONDS = 5

export interface IdempotencyOptions {
  /** Whether the upstream may have acted before failing with this error code. */
  mayHaveActed: (code: string) => boolean
}

/** The answer is kept when the upstream was asked and may have acted; otherwise a retry may run it. */
function shouldKeep(c: Context<AppEnv>, { mayHaveActed }: IdempotencyOptions): boolean {
  return c.res.status < 400 || mayHaveActed(c.var.errorCode ?? '')
}

async function storedAnswer(c: Context<AppEnv>): Promise<StoredAnswer> {
  const retryAfter = c.res.headers.get('Retry-After')
  return {
    status: c.res.status,
    body: await c.res.clone().text(),
    requestId: c.var.requestId,
    ...(retryAfter ? { retryAfter } : {}),
    ...(c.var.dryRun ? { dryRun: true } : {}),
  }
}

/** The first answer again, naming both requests: its `request_id` (where it has one) is this request's, as X-Request-Id is. */
function replay(c: Context<AppEnv>, answer: StoredAnswer): Response {
  const first = JSON.parse(answer.body) as Record<string, unknown>
  const body: Record<string, unknown> = {
    ...first,
    ...('request_id' in first ? { request_id: c.var.requestId } : {}),
    original_request_id: answer.requestId,
    replayed: true,
  }
  c.set('replayed', true)
  if (answer.dryRun) c.set('dryRun', true)
  if (typeof body.error === 'string') c.set('errorCode', body.error)
  c.header(REPLAYED_HEADER, 'true')
  if (answer.retryAfter) c.header('Retry-After', answer.retryAfter)
  return c.json(body, answer.status as 200)
}

/**
 * Makes a write idempotent when the caller sends a key (`Idempotency-Key` header or
 * `idempotency_key` body field): the same key and request within 24 hours get the first answer
 * again without calling the upstream, the same key with another request is 422, and a repeat while
 * the first is still running is 409. Keys are scoped per relay and caller, so one caller can
 * never see another's answers. Without a key nothing changes.
 */
export const idempotentWrites =
  (options: IdempotencyOptions): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const body = await jsonObjectBody(c)
    const fromHeader = c.req.header('Idempotency-Key')
    const fromBody = body?.idempotency_key
    if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
      throw new RelayError(422, 'idempotency_key_conflict', 'The Idempotency-Key header and the idempotency_key field differ. Send one, or the same value in both.')
    }
    const key = fromHeader ?? fromBody
    // No key, or one the contract will reject with a 422 naming the rule.
    if (!isIdempotencyKey(key) || body === undefined) return next()

    const { idempotency_key: _key, ...request } = body
    const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path} ${canonicalJson(request)}`)
    const namespace = c.env.IDEMPOTENCY
    let claim: Claim
    let record: DurableObjectStub<IdempotencyRecord>
    try {
      if (!namespace) throw new Error('IDEMPOTENCY binding missing')
      record = namespace.get(namespace.idFromName(`${c.var.relay}:${c.var.caller}:${await sha256Hex(key)}`))
      claim = await record.claim(fingerprint, LEASE_MS)
    } catch (error) {
      log('error', 'idempotency_unavailable', { request_id: c.var.requestId, error: errorName(error) })
      throw retryLater(
        503,
        'idempotency_unavailable',
        'relaykit cannot reach its idempotency store, so it cannot promise this write happens once. Nothing was done; try again shortly.',
        UNAVAILABLE_RETRY_SECONDS,
      )
    }

    switch (claim.outcome) {
      case 'replay':
        return replay(c, claim.answer)
      case 'mismatch':
        throw new RelayError(422, 'idempotency_key_reused', 'This idempotency key was already used for a different request in the last 24 hours. Use a new key for a new action.')
      case 'in_progress':
        throw retryLater(
          409,
          'idempotency_key_in_use',
          `A request with this idempotency key is still running. Retry with the same key in ${claim.retryAfterSeconds} seconds to get its answer.`,
          claim.retryAfterSeconds,
        )
    }

    await next()
    try {
      if (shouldKeep(c, options)) await record.complete(fingerprint, await storedAnswer(c), REPLAY_WINDOW_MS)
      else await record.release(fingerprint)
    } catch (error) {
      // The write itself is done; its answer still goes out. A retry within the lease gets 409.
      log('error', 'idempotency_record_failed', { request_id: c.var.requestId, error: errorName(error) })
    }
  }
