import { afterEach, expect } from 'vitest'
import { breachesOfThisTest } from './harness.js'

// Whatever a test asserts, a request relaykit sent to GitHub outside GitHub's official contract
// (or a fake answer outside it) fails that test.
afterEach(() => {
  const breaches = breachesOfThisTest.splice(0).flat()
  expect(breaches, 'traffic to GitHub outside its official OpenAPI description').toEqual([])
})
