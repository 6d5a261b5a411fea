import { afterAll, describe, expect, it } from 'vitest'
import { documentedResponses, documentedTags, producedResponses } from './openapi-contract.js'

/**
 * Which contract test file produces the documented statuses of each tag's operations. Each file
 * runs in its own isolate, so each checks its own tags; contract.test.ts checks that every tag in
 * openapi.json has a file.
 */
export const CONTRACT_FILES = {
  'contract.test.ts': ['Audit', 'GitHub', 'Meta', 'Operator'],
  'contract-chat.test.ts': ['Gateway', 'OpenAI'],
  'contract-chatkit.test.ts': ['ChatKit'],
} as const

/** Ends a contract test file: every documented (operation, status) of its tags was produced by it. */
export function expectEveryDocumentedStatus(file: keyof typeof CONTRACT_FILES) {
  describe('coverage', () => {
    afterAll(() => {
      const missing = documentedResponses(CONTRACT_FILES[file]).filter((pair) => !producedResponses.has(pair))
      expect(missing, 'documented statuses that no test produced').toEqual([])
    })
    it('every documented (operation, status) was produced above', () => {
      expect(producedResponses.size).toBeGreaterThan(0)
    })
    if (file === 'contract.test.ts') {
      it('every tag in openapi.json has a contract test file', () => {
        const covered = Object.values(CONTRACT_FILES).flat() as string[]
        expect(documentedTags().filter((tag) => !covered.includes(tag))).toEqual([])
      })
    }
  })
}
