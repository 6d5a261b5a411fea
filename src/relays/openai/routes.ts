import { OpenAPIHono } from '@hono/zod-openapi'
import { getRelayHealth, relayOpenAIChat, relayOpenAIChatCompletions } from './contract.js'
import type { RelayEnv } from '../../platform/app-env.js'
import { relayChatCompletion } from '../../dialects/openai/chat-completions.js'
import { applyChatPolicy } from '../../dialects/openai/chat-policy.js'
import { openaiFetchFor, type OpenAIFetch } from '../../upstreams/openai/fetch.js'
import { rateLimit } from '../../platform/rate-limit/rate-limit.js'
import { relayGate } from '../../platform/relay-gate.js'
import { validationHook } from '../../platform/validation-hook.js'
import { requireRelaySecret } from './relay-secret.js'
import { openaiRelayState, type OpenAIRelaySettings } from './settings.js'

/** The openai relay: chat completions for servers and tools holding OPENAI_RELAY_SECRET. */
export function openaiRelay(networkFetch: OpenAIFetch) {
  const app = new OpenAPIHono<RelayEnv<OpenAIRelaySettings>>({ defaultHook: validationHook })
  const openaiFetch = openaiFetchFor(networkFetch)

  for (const route of [relayOpenAIChat, relayOpenAIChatCompletions]) {
    // Each chat spends the deployment's money, so an unreachable limiter refuses rather than allows.
    app.use(route.path, relayGate('openai', openaiRelayState), requireRelaySecret(), rateLimit('openai', { whenUnavailable: 'refuse' }))
    app.openapi(route, (c) => {
      const { upstream, policy } = c.var.settings
      return relayChatCompletion(c, { upstream, fetch: openaiFetch(upstream), chat: applyChatPolicy(c.req.valid('json'), policy) })
    })
  }

  app.use(getRelayHealth.path, relayGate('openai', openaiRelayState))
  app.openapi(getRelayHealth, (c) => {
    const { models, maxTokens, defaultTemperature } = c.var.settings.policy
    return c.json({ status: 'ok' as const, relay: 'openai' as const, models, max_tokens: maxTokens, default_temperature: defaultTemperature }, 200)
  })

  return app
}
