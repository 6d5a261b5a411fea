import { defineConfig } from 'vitest/config'

// Tests against a running relaykit, in plain Node (not the Workers runtime): the real-client tests
// (each file starts its own fake upstreams and `wrangler dev` on the Worker `npm run deploy`
// uploads, test/clients/relaykit-with-fakes.ts, then drives relaykit over HTTP with the official
// client packages), the docs' examples run against the sandbox, and the build scripts' own tests.
// Run: vitest run -c vitest.clients.config.ts
export default defineConfig({
  test: {
    name: 'clients',
    environment: 'node',
    include: ['test/clients/**/*.clients.test.ts', 'test/docs/**/*.docs.test.ts', 'scripts/**/*.test.ts'],
    // The real-client tests run the Worker as `npm run deploy` uploads it: built once, here.
    globalSetup: ['test/clients/deployed-worker.setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    teardownTimeout: 20_000,
  },
})
