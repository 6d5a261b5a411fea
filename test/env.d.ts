import type { D1Migration } from 'cloudflare:test'
import type { Env as RelaykitEnv } from '../src/platform/env.js'

// The bindings the test Worker gets: relaykit's (wrangler.toml) and the migrations to apply.
declare global {
  namespace Cloudflare {
    interface Env extends RelaykitEnv {
      AUDIT_MIGRATIONS: D1Migration[]
    }
  }
}
