import { defineConfig } from 'vitest/config'

// Real-client tests: plain Node (not the Workers runtime). Each file starts its own fake upstreams
// and `wrangler dev` (test/clients/relaykit-with-fakes.ts), then drives relaykit over HTTP with the
// official client packages. Run: vitest run -c vitest.clients.config.ts
export default defineConfig({
  test: {
    name: 'clients',
    environment: 'node',
    include: ['test/clients/**/*.clients.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    teardownTimeout: 20_000,
  },
})
