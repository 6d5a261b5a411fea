import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { configDefaults, defineConfig } from 'vitest/config'

// Tests run inside the Workers runtime (workerd), offline. `SELF` is the real Worker entry in
// sandbox mode; most tests build the app with a fake GitHub held to GitHub's official contract.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: { SANDBOX: 'true' } },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests run in Node against `wrangler dev`: vitest.browser.config.ts.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    silent: 'passed-only',
    setupFiles: ['test/support/setup.ts'],
  },
})
