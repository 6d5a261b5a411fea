import { afterAll, describe, expect, it } from 'vitest'
import { documentedResponses, producedResponses } from './openapi-contract.js'

/**
 * Ends a contract test file: every documented (operation, status) of these tags was produced by
 * it. Each file runs in its own isolate, so each checks the tags of its own relay.
 */
export function expectEveryDocumentedStatus(tags: readonly string[]) {
  describe('coverage', () => {
    afterAll(() => {
      const missing = documentedResponses(tags).filter((pair) => !producedResponses.has(pair))
      expect(missing, 'documented statuses that no test produced').toEqual([])
    })
    it('every documented (operation, status) was produced above', () => {
      expect(producedResponses.size).toBeGreaterThan(0)
    })
  })
}
