import { OpenAPIHono } from '@hono/zod-openapi'
import { countInputTokens } from '../../../dialects/anthropic/count-tokens.js'
import type { MessagesRequest } from '../../../dialects/anthropic/request-content.js'
import { lazyTokenCounter, type RawBytePairRanks, type TokenCounter } from '../../../dialects/anthropic/tokenizer.js'
import { RelayError } from '../../../platform/relay-error.js'
import { readAsset } from '../../../platform/static-asset.js'
import { validationHook } from '../../../platform/validation-hook.js'
import { copilotCountTokens, copilotMessages, messagesRoutes } from '../contract/messages.js'
import type { KeyedEnv } from '../copilot-env.js'
import { bridgeGuards } from './guards.js'
import { answerMessages } from './messages-call.js'
import { messagesTarget } from './messages-target.js'
import { honoPath } from '../../../platform/hono-path.js'

/** Where scripts/public-specs.mjs puts the tokenizer's ranks among the static assets. */
const TOKENIZER_RANKS = 'tokenizer/o200k_base.json'

/** One counter per isolate, built on the first count. */
let counter: (() => Promise<TokenCounter>) | undefined

function tokenCounter(assets: Fetcher | undefined): Promise<TokenCounter> {
  if (!assets) throw new RelayError(503, 'tokenizer_unavailable', "The tokenizer's ranks are not deployed: the ASSETS binding is missing (wrangler.toml's [assets]).")
  counter ??= lazyTokenCounter(async () => (await (await readAsset(assets, TOKENIZER_RANKS)).json()) as RawBytePairRanks)
  return counter()
}

/**
 * The bridge's Anthropic side, `/<username>/v1/messages` and its `count_tokens`: the same
 * accounts, keys and limit as its OpenAI side, answered in Anthropic's shapes.
 */
export function messagesBridge() {
  const app = new OpenAPIHono<KeyedEnv>({ defaultHook: validationHook })
  for (const route of messagesRoutes) app.use(honoPath(route.path), ...bridgeGuards())

  app.openapi(copilotMessages, async (c) => {
    const request = c.req.valid('json') as unknown as MessagesRequest
    const target = await messagesTarget(c, request.model)
    // Copilot's answers pass through in Anthropic's shape, which the contract holds only loosely.
    return answerMessages(c, request, target) as never
  })

  app.openapi(copilotCountTokens, async (c) => {
    const request = c.req.valid('json') as unknown as MessagesRequest
    return c.json(countInputTokens(request, await tokenCounter(c.env.ASSETS)), 200)
  })

  return app
}
