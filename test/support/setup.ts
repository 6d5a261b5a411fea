import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, expect } from 'vitest'
import { breachesOfThisTest } from './harness.js'

// The audit trail's schema, as `npm start` applies it (migrations/); already-applied ones are skipped.
beforeAll(async () => {
  await applyD1Migrations(env.AUDIT_DB!, env.AUDIT_MIGRATIONS)
})

// Whatever a test asserts, a request relaykit sent to GitHub outside GitHub's official contract
// (or a fake answer outside it) fails that test.
afterEach(() => {
  const breaches = breachesOfThisTest.splice(0).flat()
  expect(breaches, 'traffic to GitHub outside its official OpenAPI description').toEqual([])
})
