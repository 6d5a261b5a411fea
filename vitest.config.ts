import { resolve } from 'node:path'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { configDefaults, defineConfig } from 'vitest/config'
import { unstable_readConfig } from 'wrangler'

// Tests run inside the Workers runtime (workerd), offline, with Miniflare's real Durable Objects,
// D1 and static assets from wrangler.toml, and imports resolved through its [alias] as wrangler
// resolves them: the exact specifier, in relaykit's code and its packages' alike
// (test/architecture/zod.test.ts checks it). `SELF` is the sandbox's entry, as `npm start` runs
// it; most tests build the app with fake upstreams held to the upstreams' official contracts.
// test/support/setup.ts applies the D1 migrations read here.
const exactly = (specifier: string) => new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
// All but the stand-ins for what builds documents (the generator, zod's JSON Schema conversion):
// tests build the OpenAPI documents (test/meta).
const documentBuilders = ['./src/platform/openapi-documents-off.ts', './src/platform/zod-json-schema-off.ts']
const aliases = Object.entries<string>(unstable_readConfig({ config: './wrangler.toml' }).alias ?? {}).filter(([, path]) => !documentBuilders.includes(path))

export default defineConfig({
  resolve: { alias: aliases.map(([specifier, path]) => ({ find: exactly(specifier), replacement: resolve(path) })) },
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      main: './src/sandbox/index.ts',
      miniflare: { bindings: { AUDIT_MIGRATIONS: await readD1Migrations('./migrations') } },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Browser and real-client tests run in Node against `wrangler dev`: vitest.browser.config.ts,
    // vitest.clients.config.ts.
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/clients/**', 'test/docs/**'],
    silent: 'passed-only',
    setupFiles: ['test/support/setup.ts'],
  },
})
