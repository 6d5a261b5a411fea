import type { RelayDependencies } from '../../platform/relay-module.js'
import { OPENAI_UPSTREAM } from '../../upstreams/openai/settings.js'
import { OpenAPIHono } from '@hono/zod-openapi'
import { getRelayHealth, relayOpenAIChat, relayOpenAIChatCompletions } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { relayChatCompletion } from '../../dialects/openai/chat-completions.js'
import { applyChatPolicy } from '../../dialects/openai/chat-policy.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { validationHook } from '../../platform/validation-hook.js'
import { requireRelaySecret } from './relay-secret.js'
import { type OpenAIRelaySettings, openaiRateLimit } from './settings.js'

/** The openai relay's routes: chat completions for servers and tools holding OPENAI_RELAY_SECRET. */
export function openaiRoutes({ fetch }: RelayDependencies) {
  const app = new OpenAPIHono<RelayEnv<OpenAIRelaySettings>>({ defaultHook: validationHook })
  const openai = fetch(OPENAI_UPSTREAM)

  for (const route of [relayOpenAIChat, relayOpenAIChatCompletions]) {
    // Each chat spends the deployment's money, so an unreachable limiter refuses rather than allows.
    app.use(route.path, requireRelaySecret(), rateLimit(openaiRateLimit, { whenUnavailable: 'refuse' }))
    app.openapi(route, (c) => {
      const { upstream, policy } = c.var.settings
      return relayChatCompletion(c, { upstream, fetch: openai, chat: applyChatPolicy(c.req.valid('json'), policy) })
    })
  }

  app.openapi(getRelayHealth, (c) => {
    const { models, maxTokens, defaultTemperature } = c.var.settings.policy
    return c.json({ status: 'ok' as const, relay: 'openai' as const, models, max_tokens: maxTokens, default_temperature: defaultTemperature }, 200)
  })

  return app
}
