import type { Env } from '../platform/env.js'
import type { Sandbox } from '../platform/sandbox.js'
import { ACCESS_TOKEN_SCHEME } from '../contracts/access-token.js'
import { docsHtml } from '../meta/docs-html.js'
import { sandboxAccessToken } from './access-tokens.js'
import { REAL_UPSTREAM_SECRETS, upstreamDefaults } from './defaults.js'
import { sandboxFetch } from './fakes.js'
import { sandboxRoutes } from './routes.js'

const realSecretSet = (env: Env) => REAL_UPSTREAM_SECRETS.some((name) => env[name]?.trim())

/** The sandbox as `npm start` and the tests run it: every upstream a fake, every secret public. */
export const sandbox: Sandbox = {
  defaults: upstreamDefaults,
  // Next to a real upstream secret nothing may run as the sandbox or hand out its public tokens.
  refusal: (env) => (realSecretSet(env) ? `the sandbox cannot run while ${REAL_UPSTREAM_SECRETS.join(' or ')} is set; use \`npm run dev\` to call the real upstreams` : undefined),
  fetch: sandboxFetch,
  // The entitled sandbox user, so the gateway works from /docs.
  credentials: async () => ({ [ACCESS_TOKEN_SCHEME]: await sandboxAccessToken('alice') }),
  docsPage: (prefill) => docsHtml({ title: 'relaykit API (sandbox)', prefill }),
  routes: sandboxRoutes(),
}
