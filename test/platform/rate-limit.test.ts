import { afterEach, describe, expect, it, vi } from 'vitest'
import { addressBuckets, IPV6_48_SHARES } from '../../src/platform/rate-limit/client-address.js'
import { parseRateLimitRule } from '../../src/platform/rate-limit/rule.js'
import { takeToken, type Bucket } from '../../src/platform/rate-limit/token-bucket.js'
import { bearer, relaykit, secrets } from '../support/harness.js'
import { expectDocumented } from '../support/openapi-contract.js'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const list = { owner: 'octo-org', repo: 'hello-world' }
const comment = { owner: 'octo-org', repo: 'hello-world', pr_number: 12, body: 'Rate-limited comment' }
/** A caller of its own, so its bucket starts full whatever other tests did. */
const freshToken = () => `actions-token-${crypto.randomUUID()}`
/** Alarms set in the past fire at once; a clock in the future keeps buckets until the test ends. */
const FUTURE = Date.parse('2031-03-01T12:00:00Z')

const rateLimitHeaders = (response: Response) => ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'].map((name) => response.headers.get(name))

describe('rate-limit rules', () => {
  it.each([
    ['10/minute', { capacity: 10, refillPerSecond: 10 / 60 }],
    ['1/second burst 10', { capacity: 10, refillPerSecond: 1 }],
    ['100 / hour, burst 20', { capacity: 20, refillPerSecond: 100 / 3600 }],
    ['5/Day', { capacity: 5, refillPerSecond: 5 / 86_400 }],
  ])('reads %s', (text, expected) => {
    expect(parseRateLimitRule(text)).toMatchObject(expected)
  })

  it('reads off as no limit', () => {
    expect(parseRateLimitRule(' OFF ')).toBeNull()
  })

  it.each([['10'], ['0/minute'], ['10/fortnight'], ['ten/minute'], ['1/second burst 0'], ['-1/second']])('refuses %s', (text) => {
    expect(() => parseRateLimitRule(text)).toThrow(/10\/minute/)
  })
})

describe('token bucket', () => {
  const rule = { capacity: 3, refillPerSecond: 0.5 }

  it('starts full, refuses when empty, and says when the next token comes', () => {
    let bucket: Bucket | undefined
    const allowed: boolean[] = []
    for (let i = 0; i < 4; i++) {
      const result = takeToken(bucket, rule, 1_000)
      bucket = result.bucket
      allowed.push(result.decision.allowed)
    }
    expect(allowed).toEqual([true, true, true, false])
    expect(takeToken(bucket, rule, 1_000).decision).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 2, resetSeconds: 6 })
  })

  it('refills continuously by the clock, keeping fractions, never beyond capacity', () => {
    const empty: Bucket = { tokens: 0, updatedAt: 0 }
    expect(takeToken(empty, rule, 1_999).decision.allowed).toBe(false)
    expect(takeToken(empty, rule, 2_000).decision).toMatchObject({ allowed: true, remaining: 0 })
    // Two half-tokens a second apart add up to one.
    const half = takeToken(empty, rule, 1_000).bucket
    expect(takeToken(half, rule, 2_000).decision.allowed).toBe(true)
    expect(takeToken(empty, rule, 3_600_000).decision).toMatchObject({ remaining: 2, resetSeconds: 2 })
  })

  it('honours a capacity lowered since the bucket was stored', () => {
    const full: Bucket = { tokens: 10, updatedAt: 0 }
    expect(takeToken(full, rule, 0).decision.remaining).toBe(2)
  })
})

describe('client address buckets', () => {
  it.each([
    ['203.0.113.7', ['203.0.113.7']],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', ['2001:db8:85a3:8d3::/64', '2001:db8:85a3::/48']],
    ['2001:0db8:85a3:08d3::1', ['2001:db8:85a3:8d3::/64', '2001:db8:85a3::/48']],
    ['2001:db8::1', ['2001:db8:0:0::/64', '2001:db8:0::/48']],
    ['::1', ['0:0:0:0::/64', '0:0:0::/48']],
    [undefined, ['unknown']],
  ])('%s → %s', (ip, keys) => {
    expect(addressBuckets(ip).map((bucket) => bucket.key)).toEqual(keys)
  })

  it(`gives an IPv6 /48 ${IPV6_48_SHARES} times the limit of one address`, () => {
    expect(addressBuckets('2001:db8::1').map((bucket) => bucket.shares)).toEqual([1, IPV6_48_SHARES])
  })
})

describe('the github relay limit (per caller token, in a Durable Object)', () => {
  it('lets exactly 10 of 50 concurrent requests through a bucket of 10', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/hour burst 10' })
    const answers = await Promise.all(Array.from({ length: 50 }, () => worker.post('/chatgpt/prs/list', list, bearer(token))))
    const statuses = answers.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(10)
    expect(statuses.filter((status) => status === 429)).toHaveLength(40)
    expect(worker.github.received).toHaveLength(10)
    const refused = answers.find((response) => response.status === 429)!
    const body = (await expectDocumented('post', '/chatgpt/prs/list', refused)) as { error: string; retry_after_seconds: number; message: string }
    expect(body.error).toBe('rate_limited')
    expect(refused.headers.get('Retry-After')).toBe(String(body.retry_after_seconds))
    expect(body.retry_after_seconds).toBeGreaterThan(3_500)
    expect(rateLimitHeaders(refused)).toEqual(['10', '0', expect.stringMatching(/^\d+$/)])
    expect(body.message).toContain('1/hour burst 10')
  })

  it('counts down RateLimit-Remaining on every answer', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/minute burst 3' })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    const remaining: (string | null)[] = []
    for (let i = 0; i < 3; i++) remaining.push((await worker.post('/chatgpt/prs/list', list, bearer(token))).headers.get('RateLimit-Remaining'))
    expect(remaining).toEqual(['2', '1', '0'])
    const first = await worker.post('/chatgpt/prs/list', list, bearer(token))
    expect(first.status).toBe(429)
    expect(first.headers.get('RateLimit-Reset')).toBe('180')
  })

  it('refills with the clock, not before', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/second burst 2' })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    const send = async () => (await worker.post('/chatgpt/prs/list', list, bearer(token))).status
    expect([await send(), await send(), await send()]).toEqual([200, 200, 429])
    vi.setSystemTime(FUTURE + 999)
    expect(await send()).toBe(429)
    vi.setSystemTime(FUTURE + 1_000)
    expect([await send(), await send()]).toEqual([200, 429])
    vi.setSystemTime(FUTURE + 60_000)
    expect([await send(), await send(), await send()]).toEqual([200, 200, 429])
  })

  it('is one bucket per credential: another caller is not slowed by the first', async () => {
    const [first, second] = [freshToken(), freshToken()]
    const worker = relaykit({ ACTIONS_TOKEN: first, CHATGPT_BEARER_TOKEN: second, RATE_LIMIT_GITHUB: '1/hour burst 1' })
    expect((await worker.post('/chatgpt/prs/list', list, bearer(first))).status).toBe(200)
    expect((await worker.post('/chatgpt/prs/list', list, bearer(first))).status).toBe(429)
    expect((await worker.post('/chatgpt/prs/list', list, bearer(second))).status).toBe(200)
  })

  it('is shared by every isolate: two Worker instances draw from the same bucket', async () => {
    const token = freshToken()
    const settings = { ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/hour burst 2' }
    const [one, two] = [relaykit(settings), relaykit(settings)]
    const statuses = [
      (await one.post('/chatgpt/prs/list', list, bearer(token))).status,
      (await two.post('/chatgpt/prs/list', list, bearer(token))).status,
      (await one.post('/chatgpt/prs/list', list, bearer(token))).status,
      (await two.post('/chatgpt/prs/list', list, bearer(token))).status,
    ]
    expect(statuses).toEqual([200, 200, 429, 429])
  })

  it('reads and writes share the bucket, and a refused write reaches nothing', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/hour burst 1' })
    expect((await worker.post('/chatgpt/prs/list', list, bearer(token))).status).toBe(200)
    const refused = await worker.post('/chatgpt/prs/comment', comment, bearer(token))
    await expectDocumented('post', '/chatgpt/prs/comment', refused)
    expect(refused.status).toBe(429)
    expect(worker.github.received).toHaveLength(1)
  })

  it('uses the default of 10 with one more each second when RATE_LIMIT_GITHUB is unset', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: undefined })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(FUTURE)
    const answers = await Promise.all(Array.from({ length: 11 }, () => worker.post('/chatgpt/prs/list', list, bearer(token))))
    expect(answers.map((response) => response.status).sort()).toEqual([...Array<number>(10).fill(200), 429])
    expect(answers[0]!.headers.get('RateLimit-Limit')).toBe('10')
    const refused = answers.find((response) => response.status === 429)!
    expect(refused.headers.get('Retry-After')).toBe('1')
  })

  it('sends no RateLimit headers and limits nothing when set to off', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: 'off' })
    const answers = await Promise.all(Array.from({ length: 15 }, () => worker.post('/chatgpt/prs/list', list, bearer(token))))
    expect(answers.map((response) => response.status)).toEqual(Array<number>(15).fill(200))
    expect(rateLimitHeaders(answers[0]!)).toEqual([null, null, null])
  })

  it('is not spent by requests that fail authentication', async () => {
    const token = freshToken()
    const worker = relaykit({ ACTIONS_TOKEN: token, RATE_LIMIT_GITHUB: '1/hour burst 1' })
    for (let i = 0; i < 3; i++) expect((await worker.post('/chatgpt/prs/list', list, bearer(`${token}-wrong`))).status).toBe(401)
    expect((await worker.post('/chatgpt/prs/list', list, bearer(token))).status).toBe(200)
  })
})

describe('the operator relay limit (per client IP)', () => {
  const hive = { action: 'execute', dry_run: true }
  const from = (ip: string) => ({ ...bearer(secrets.RELAY_SECRET), 'CF-Connecting-IP': ip })

  it('gives each address its own bucket, and one IPv6 /64 one bucket', async () => {
    const worker = relaykit({ RATE_LIMIT_OPERATOR: '1/hour burst 1' })
    const suffix = crypto.getRandomValues(new Uint16Array(2))
    const [v4a, v4b] = [`198.51.${suffix[0]! % 256}.${suffix[1]! % 256}`, `198.51.${suffix[0]! % 256}.${(suffix[1]! + 1) % 256}`]
    const prefix = `2001:db8:${suffix[0]!.toString(16)}:${suffix[1]!.toString(16)}`
    const statuses = [
      (await worker.post('/trigger-hive', hive, from(v4a))).status,
      (await worker.post('/trigger-hive', hive, from(v4a))).status,
      (await worker.post('/trigger-hive', hive, from(v4b))).status,
      (await worker.post('/trigger-hive', hive, from(`${prefix}::1`))).status,
      (await worker.post('/trigger-hive', hive, from(`${prefix}:ffff:1:2:3`))).status,
    ]
    expect(statuses).toEqual([200, 429, 200, 200, 429])
  })

  it(`bounds a whole IPv6 /48 at ${IPV6_48_SHARES} addresses' worth, spent only by requests its /64s were allowed`, async () => {
    const worker = relaykit({ RATE_LIMIT_OPERATOR: '1/hour burst 1' })
    const [a, b] = crypto.getRandomValues(new Uint16Array(2))
    const network = `2001:db8:${a!.toString(16)}`
    const fromSubnet = (subnet: number) => from(`${network}:${subnet.toString(16)}::1`)
    // One /64 over its own limit: its refusals take nothing from the /48.
    const overItsOwn = [await worker.post('/trigger-hive', hive, fromSubnet(0)), await worker.post('/trigger-hive', hive, fromSubnet(0))]
    expect(overItsOwn.map((response) => response.status)).toEqual([200, 429])
    const others: number[] = []
    for (let subnet = 1; subnet < IPV6_48_SHARES; subnet++) others.push((await worker.post('/trigger-hive', hive, fromSubnet(subnet))).status)
    expect(others).toEqual(Array<number>(IPV6_48_SHARES - 1).fill(200))

    const refused = await worker.post('/trigger-hive', hive, fromSubnet((b! % 1000) + IPV6_48_SHARES))
    const body = (await expectDocumented('post', '/trigger-hive', refused)) as { error: string; message: string }
    expect([refused.status, body.error]).toEqual([429, 'rate_limited'])
    expect(body.message).toContain(`IPv6 /48`)
    expect(body.message).toContain(`${IPV6_48_SHARES} times 1/hour burst 1`)
    expect(rateLimitHeaders(refused).slice(0, 2)).toEqual([String(IPV6_48_SHARES), '0'])
    // Another /48 has a bucket of its own.
    expect((await worker.post('/trigger-hive', hive, from(`2001:db9:${a!.toString(16)}::1`))).status).toBe(200)
  })
})

describe('when the rate limiter cannot be reached', () => {
  const unreachable = {
    idFromName: (name: string) => name,
    get: () => ({
      take: () => Promise.reject(new Error('Durable Object unavailable')),
    }),
  } as unknown as DurableObjectNamespace

  it('serves reads without a limit, and logs it', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line))
    const worker = relaykit({ RATE_LIMITER: unreachable as never })
    const response = await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN))
    await expectDocumented('post', '/chatgpt/prs/list', response)
    expect(response.status).toBe(200)
    expect(rateLimitHeaders(response)).toEqual([null, null, null])
    expect(lines.map((line) => JSON.parse(line) as { msg: string })).toMatchObject([{ msg: 'rate_limiter_unavailable' }])
    expect(lines.join()).not.toContain(secrets.ACTIONS_TOKEN)
  })

  it('refuses writes with 503 and Retry-After, and sends nothing to GitHub', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const worker = relaykit({ RATE_LIMITER: unreachable as never })
    const response = await worker.post('/chatgpt/prs/comment', comment, bearer(secrets.ACTIONS_TOKEN))
    const body = (await expectDocumented('post', '/chatgpt/prs/comment', response)) as { error: string; retry_after_seconds: number }
    expect([response.status, body.error]).toEqual([503, 'rate_limiter_unavailable'])
    expect(response.headers.get('Retry-After')).toBe(String(body.retry_after_seconds))
    expect(worker.github.received).toEqual([])
  })

  it('reports a missing binding in /health rather than failing open', async () => {
    const worker = relaykit({ RATE_LIMITER: undefined })
    const health = (await (await worker.fetch('/health')).json()) as { relays: Record<string, { ready: boolean; missing: string[] }> }
    expect(health.relays.github).toMatchObject({ ready: false, missing: [expect.stringContaining('RATE_LIMITER')] })
    const response = await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN))
    expect(response.status).toBe(503)
  })
})

describe('/health', () => {
  it('shows each relay limit, its setting and its key', async () => {
    const worker = relaykit({ RATE_LIMIT_GITHUB: undefined, RATE_LIMIT_OPERATOR: '5/minute burst 2' })
    const health = (await (await worker.fetch('/health')).json()) as { relays: Record<string, { rate_limits: unknown[] }> }
    expect(health.relays.github!.rate_limits).toEqual([
      { policy: 'github', setting: 'RATE_LIMIT_GITHUB', key: 'caller', rule: '1/second burst 10', capacity: 10, refill_per_second: 1 },
    ])
    expect(health.relays.operator!.rate_limits).toEqual([
      { policy: 'operator', setting: 'RATE_LIMIT_OPERATOR', key: 'ip', rule: '5/minute burst 2', capacity: 2, refill_per_second: 5 / 60 },
    ])
    expect(health.relays.audit!.rate_limits).toEqual([])
  })

  it('names a malformed limit, and the relay refuses to run on a guess', async () => {
    const worker = relaykit({ RATE_LIMIT_GITHUB: 'lots' })
    const health = (await (await worker.fetch('/health')).json()) as { status: string; relays: Record<string, { invalid: string[] }> }
    expect(health.status).toBe('degraded')
    expect(health.relays.github!.invalid).toEqual([expect.stringContaining('RATE_LIMIT_GITHUB')])
    const response = await worker.post('/chatgpt/prs/list', list, bearer(secrets.ACTIONS_TOKEN))
    const body = (await response.json()) as { error: string; message: string }
    expect([response.status, body.error]).toEqual([503, 'relay_not_configured'])
    expect(body.message).toContain('RATE_LIMIT_GITHUB')
  })
})
