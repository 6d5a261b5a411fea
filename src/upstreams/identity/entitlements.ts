import type { UpstreamFetch } from '../../platform/relay-module.js'
import { RelayError } from '../../platform/relay-error.js'

// Kinde's Account API, asked with the user's own access token: `GET …/account_api/v1/entitlements`
// answers `{data: {entitlements: [{feature_key, …}], plans: [{key, …}]}, metadata: {has_more,
// next_page_starting_after}}`, one page at a time.

interface EntitlementsPage {
  data?: { entitlements?: { feature_key?: unknown }[] | null; plans?: { key?: unknown }[] | null }
  metadata?: { has_more?: unknown; next_page_starting_after?: unknown }
}

const PAGE_SIZE = 100
/** A user with more entitlements than this is not a case relaykit expects; it stops asking. */
const MAX_PAGES = 20
const TIMEOUT_MS = 5_000

const unavailable = (detail: string) =>
  new RelayError(502, 'entitlements_unavailable', `relaykit could not check the entitlement with Kinde's Account API (${detail}). Nothing was sent to OpenAI; try again shortly.`)

/** Whether a page lists the key as an entitlement's feature or as a plan (Kinde reports either, depending on how the business set it up). */
const pageGrants = (page: EntitlementsPage, key: string) =>
  (page.data?.entitlements ?? []).some((entitlement) => entitlement.feature_key === key) || (page.data?.plans ?? []).some((plan) => plan.key === key)

/** Reads every page of the user's entitlements (stopping early once the key is found). */
export async function holdsEntitlement(fetch: UpstreamFetch, url: string, accessToken: string, key: string): Promise<boolean> {
  let startingAfter: string | undefined
  for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber += 1) {
    const pageUrl = new URL(url)
    pageUrl.searchParams.set('page_size', String(PAGE_SIZE))
    if (startingAfter) pageUrl.searchParams.set('starting_after', startingAfter)
    let response: Response
    try {
      response = await fetch(new Request(pageUrl, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) }))
    } catch {
      throw unavailable('no answer')
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel()
      throw new RelayError(401, 'invalid_token', "Kinde's Account API did not accept the access token; sign in again.")
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw unavailable(`answered ${response.status}`)
    }
    let page: EntitlementsPage
    try {
      page = (await response.json()) as EntitlementsPage
    } catch {
      throw unavailable('unreadable answer')
    }
    if (pageGrants(page, key)) return true
    const next = page.metadata?.next_page_starting_after
    if (page.metadata?.has_more !== true || typeof next !== 'string' || next === startingAfter) return false
    startingAfter = next
  }
  return false
}
