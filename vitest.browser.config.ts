import { defineConfig } from 'vitest/config'

// Browser tests: plain Node (not the Workers runtime), against a real `wrangler dev` sandbox
// started by the global setup, driven by Debian's chromium through playwright-core.
// Run: bash scripts/ensure-chromium.sh && vitest run -c vitest.browser.config.ts
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/browser/wrangler-dev.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 20_000,
  },
})
