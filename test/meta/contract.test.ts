import { describe, expect, it } from 'vitest'
import { metaContract } from '../../src/meta/contract.js'
import { relays } from '../../src/relays.js'
import { expectEveryDocumentedStatus } from '../support/contract-coverage.js'
import { relaykit } from '../support/harness.js'
import { documentedTags, expectDocumented } from '../support/openapi-contract.js'

// relaykit's own routes, every status they document, checked against the committed spec; and
// every relay has a contract test of its own.

describe('meta routes', () => {
  it.each([['/health'], ['/openapi.json'], ['/cf-openapi.json']])('%s answers 200 as documented', async (path) => {
    const response = await relaykit().fetch(path)
    await expectDocumented('get', path, response)
    expect(response.status).toBe(200)
  })

  it.each([['/health'], ['/openapi.json'], ['/cf-openapi.json']])('%s answers 403 to an origin not on the list', async (path) => {
    const response = await relaykit().fetch(path, { headers: { Origin: 'https://evil.example' } })
    await expectDocumented('get', path, response)
    expect(response.status).toBe(403)
  })
})

describe('contract coverage', () => {
  it('every relay has a contract test file that produces its documented statuses', () => {
    const files = Object.keys(import.meta.glob('../relays/*/contract.test.ts'))
    expect(files.sort()).toEqual(relays.map((relay) => `../relays/${relay.name}/contract.test.ts`).sort())
  })

  it("every relay's root route and root pages are routes of its own", () => {
    for (const relay of relays) {
      const paths = relay.routeTable.map(([, path]) => path)
      const targets = [...(relay.rootRoute ? [relay.rootRoute] : []), ...Object.values(relay.rootPages ?? {})]
      expect([relay.name, targets.filter((target) => !paths.includes(target))]).toEqual([relay.name, []])
    }
  })

  it('every tag in openapi.json belongs to a relay or to these routes', async () => {
    const contracts = await Promise.all(relays.map((relay) => relay.contract()))
    const owned = [...contracts.flatMap((contract) => contract.tags), ...metaContract.tags]
    expect(documentedTags().filter((tag) => !owned.includes(tag))).toEqual([])
  })
})

expectEveryDocumentedStatus(metaContract.tags)
