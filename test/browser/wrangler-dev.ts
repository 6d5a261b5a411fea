/// <reference types="node" />
// Vitest globalSetup for the browser tests: runs the real Worker with `wrangler dev` in sandbox
// mode (../support/wrangler-dev-process.ts: free loopback port, fresh state, own process group)
// and provides its base URL to the tests (`inject('relaykitBaseUrl')`). The D1 migrations are
// applied first, so every run starts with fresh rate-limit buckets and an empty audit trail.
// RELAYKIT_BROWSER_LOG=1 prints wrangler's output at teardown.
import type { TestProject } from 'vitest/node'
import { startWranglerDev } from '../support/wrangler-dev-process.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234, no trailing slash. */
    relaykitBaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const wrangler = await startWranglerDev({ entry: 'dist/src/sandbox/index.ts', vars: {}, applyMigrations: true })
  project.provide('relaykitBaseUrl', wrangler.baseUrl)

  return async function teardown() {
    try {
      await wrangler.stop()
    } finally {
      if (process.env.RELAYKIT_BROWSER_LOG === '1') console.log(`--- wrangler output ---\n${wrangler.log()}`)
    }
  }
}
