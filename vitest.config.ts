import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { configDefaults, defineConfig } from 'vitest/config'

// Tests run inside the Workers runtime (workerd), offline, with Miniflare's real Durable Objects
// and D1 from wrangler.toml. `SELF` is the real Worker entry in sandbox mode; most tests build the
// app with a fake GitHub held to GitHub's official contract. test/support/setup.ts applies the
// D1 migrations read here.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: { bindings: { SANDBOX: 'true', AUDIT_MIGRATIONS: await readD1Migrations('./migrations') } },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Browser and real-client tests run in Node against `wrangler dev`: vitest.browser.config.ts,
    // vitest.clients.config.ts.
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/clients/**'],
    silent: 'passed-only',
    setupFiles: ['test/support/setup.ts'],
  },
})
