import { OpenAPIHono } from '@hono/zod-openapi'
import { validationHook } from '../../../platform/validation-hook.js'
import { type Adapted, adaptChatRequest, adaptEmbeddingsRequest, adaptResponsesRequest } from '../../../upstreams/copilot/request-adaptation.js'
import { toModelList } from '../../../upstreams/copilot/models.js'
import { fetchCopilotQuota } from '../../../upstreams/copilot/quota.js'
import { holdsImage, initiatorOf } from '../../../upstreams/copilot/request-traits.js'
import { bridgeRoutes, copilotChatCompletions, copilotEmbeddings, copilotModels, copilotResponses, copilotUsage } from '../contract/bridge.js'
import type { KeyedEnv } from '../copilot-env.js'
import { setupPageUrl } from '../copilot-env.js'
import { answeringProblems, relayErrorOf } from '../problems.js'
import { accountModels } from './account-models.js'
import { allowModel } from './allowed-models.js'
import { callCopilot } from './copilot-call.js'
import { bridgeGuards } from './guards.js'
import { refuseHostedTools } from './hosted-tools.js'
import { responsesStreamUsage, usageOfChatAnswer, usageOfResponse } from './usage-line.js'
import { honoPath } from '../../../platform/hono-path.js'

/** The request made fit for Copilot, or the refusal that says why Copilot cannot serve it. */
function adapted(outcome: Adapted) {
  if (!outcome.ok) throw relayErrorOf(outcome.problem)
  return outcome.body
}

/**
 * The bridge's OpenAI side, `/<username>/v1/…`: each route opens the account with a relaykit
 * key, takes a token from the account's bucket, and calls Copilot as the account. The caller's
 * headers never reach Copilot; only the request's own fields do.
 */
export function bridge() {
  const app = new OpenAPIHono<KeyedEnv>({ defaultHook: validationHook })
  for (const route of bridgeRoutes) app.use(honoPath(route.path), ...bridgeGuards())

  app.openapi(copilotChatCompletions, (c) => {
    const body = c.req.valid('json')
    allowModel(c, body.model)
    return callCopilot(c, {
      path: '/chat/completions',
      body: adapted(adaptChatRequest(body)),
      initiator: initiatorOf('chat', body),
      vision: holdsImage('chat', body),
      usageOfAnswer: usageOfChatAnswer,
    })
  })

  app.openapi(copilotResponses, (c) => {
    const body = c.req.valid('json')
    allowModel(c, body.model)
    refuseHostedTools(body.tools)
    return callCopilot(c, {
      path: '/responses',
      body: adapted(adaptResponsesRequest(body)),
      initiator: initiatorOf('responses', body),
      vision: holdsImage('responses', body),
      usage: responsesStreamUsage,
      usageOfAnswer: usageOfResponse,
    })
  })

  app.openapi(copilotEmbeddings, (c) => {
    const body = adapted(adaptEmbeddingsRequest(c.req.valid('json')))
    allowModel(c, String(body.model))
    // Copilot's JSON passes as it came, so it has no typed form here.
    return callCopilot(c, { path: '/embeddings', body, usageOfAnswer: usageOfChatAnswer }) as never
  })

  app.openapi(copilotModels, async (c) => {
    const models = await accountModels(c)
    const allowed = c.var.settings.models
    const list = toModelList(allowed ? models.filter((model) => allowed.has(model.id)) : models)
    return c.json(list, 200)
  })

  app.openapi(copilotUsage, async (c) => {
    const { runtime, account } = c.var
    const setup = setupPageUrl(c)
    const quota = await answeringProblems(setup, async () => fetchCopilotQuota(runtime.deps, await runtime.accounts.githubToken(account), setup))
    return c.json(quota, 200)
  })

  return app
}
