// In-memory stand-in for a Kinde business (any OIDC issuer, plus Kinde's Account API), used in the
// local sandbox and in tests: it publishes a JWKS, signs real RS256 access tokens, and answers
// `GET /account_api/v1/entitlements` for the token's user, one page at a time, in Kinde's shapes.
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose'

export interface FakeIdentityOptions {
  issuer: string
  audience: string
  /** Feature keys each user (token subject) is entitled to. */
  entitlements: Record<string, readonly string[]>
  /** Entitlements per Account API page, so callers must follow `has_more`. */
  pageSize?: number
}

export interface MintOptions {
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number
  notBefore?: number
  audience?: string
  issuer?: string
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean
  /** Sign with another algorithm (and so another key) than the issuer's RS256. */
  alg?: string
}

export interface RecordedIdentityRequest {
  method: string
  url: string
  authorization: string | null
}

export interface FakeIdentity {
  fetch(request: Request): Promise<Response>
  mint(subject: string, claims?: JWTPayload, options?: MintOptions): Promise<string>
  readonly received: ReadonlyArray<RecordedIdentityRequest>
  /** The next request answers this status instead. */
  failNext(status: number): void
}

const KEY_ID = 'relaykit-fake-issuer-1'

interface SigningKey {
  privateKey: CryptoKey
  publicKey: CryptoKey
}

const newKey = () => generateKeyPair('RS256', { extractable: true }) as Promise<SigningKey>

const kindeError = (status: number, code: string, message: string) => Response.json({ errors: [{ code, message }] }, { status })

export function createFakeIdentity({ issuer, audience, entitlements, pageSize = 2 }: FakeIdentityOptions): FakeIdentity {
  let key: Promise<SigningKey> | undefined
  let foreign: Promise<SigningKey> | undefined
  const signingKey = () => (key ??= newKey())
  const received: RecordedIdentityRequest[] = []
  const failures: number[] = []

  async function jwks(): Promise<Response> {
    const jwk = await exportJWK((await signingKey()).publicKey)
    return Response.json({ keys: [{ ...jwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] })
  }

  async function entitlementsPage(request: Request, url: URL): Promise<Response> {
    const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1]
    let subject: string | undefined
    try {
      subject = token ? (await jwtVerify(token, (await signingKey()).publicKey, { issuer })).payload.sub : undefined
    } catch {
      subject = undefined
    }
    if (!subject) return kindeError(401, 'TOKEN_INVALID', 'Invalid token.')
    const keys = entitlements[subject] ?? []
    const all = keys.map((featureKey, index) => ({
      id: `entitlement_${subject}_${index}`,
      fixed_charge: 0,
      price_name: 'Sandbox',
      unit_amount: 1,
      feature_key: featureKey,
      feature_name: featureKey.replace(/_/g, ' '),
      entitlement_limit_max: null,
      entitlement_limit_min: null,
    }))
    const after = url.searchParams.get('starting_after')
    const start = after ? all.findIndex((entitlement) => entitlement.id === after) + 1 : 0
    const size = Math.min(Number(url.searchParams.get('page_size')) || pageSize, pageSize)
    const page = all.slice(start, start + size)
    const hasMore = start + size < all.length
    return Response.json({
      data: { org_code: 'org_sandbox', plans: [], entitlements: page },
      metadata: { has_more: hasMore, next_page_starting_after: hasMore ? (page.at(-1)?.id ?? null) : null },
    })
  }

  return {
    async fetch(request) {
      received.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization') })
      const failure = failures.shift()
      if (failure !== undefined) return kindeError(failure, 'FAKE_FAILURE', `Fake failure ${failure}.`)
      const url = new URL(request.url)
      if (request.method !== 'GET' || url.origin !== new URL(issuer).origin) return kindeError(404, 'NOT_FOUND', 'Not found.')
      if (url.pathname === '/.well-known/jwks.json') return jwks()
      if (url.pathname === '/account_api/v1/entitlements') return entitlementsPage(request, url)
      return kindeError(404, 'NOT_FOUND', 'Not found.')
    },
    async mint(subject, claims = {}, options = {}) {
      const alg = options.alg ?? 'RS256'
      // Another algorithm needs a key of its own, which the JWKS does not publish either.
      const signer = alg !== 'RS256' ? ((await generateKeyPair(alg)) as SigningKey) : options.foreignKey ? await (foreign ??= newKey()) : await signingKey()
      const now = Math.floor(Date.now() / 1000)
      // A test may give `sub` in claims to mint a malformed subject.
      const jwt = new SignJWT({ sub: subject, ...claims })
        .setProtectedHeader({ alg, kid: KEY_ID, typ: 'JWT' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresIn ?? 3600))
      if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore)
      return jwt.sign(signer.privateKey)
    },
    get received() {
      return received
    },
    failNext: (status) => void failures.push(status),
  }
}
