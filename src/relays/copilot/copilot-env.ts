import type { MiddlewareHandler } from 'hono'
import type { RelayEnv } from '../../platform/app-env.js'
import type { AccountSnapshot } from './accounts/copilot-account.js'
import type { Runtime } from './runtime.js'
import type { CopilotRelaySettings } from './settings.js'

/** What the bridge's routes see: its settings, and what it keeps for them. */
export type CopilotEnv = { Bindings: RelayEnv<CopilotRelaySettings>['Bindings']; Variables: RelayEnv<CopilotRelaySettings>['Variables'] & { runtime: Runtime } }

/** The routes a relaykit key opens also see the account it opened. */
export type KeyedEnv = { Bindings: CopilotEnv['Bindings']; Variables: CopilotEnv['Variables'] & { account: AccountSnapshot } }

/** Puts the runtime of the request's settings on the context. */
export const withRuntime =
  (runtimeOf: (settings: CopilotRelaySettings) => Promise<Runtime>): MiddlewareHandler<CopilotEnv> =>
  async (c, next) => {
    c.set('runtime', await runtimeOf(c.var.settings))
    await next()
  }

/** The address of the setup page on the origin the request came to, for messages that send a person there. */
export const setupPageUrl = (c: { req: { url: string } }) => `${new URL(c.req.url).origin}/copilot`
