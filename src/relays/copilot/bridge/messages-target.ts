import type { Context } from 'hono'
import { copilotModelFor } from '../../../dialects/anthropic/model-names.js'
import type { TargetModel } from '../../../dialects/anthropic/request-content.js'
import { isRecord } from '../../../upstreams/copilot/json.js'
import type { CopilotModel } from '../../../upstreams/copilot/models.js'
import { isOpenAIReasoningModel } from '../../../upstreams/copilot/request-adaptation.js'
import { RelayError } from '../../../platform/relay-error.js'
import type { KeyedEnv } from '../copilot-env.js'
import { accountModels } from './account-models.js'
import { allowModel } from './allowed-models.js'

/** How a Messages request reaches Copilot: as it is, or translated to one of its OpenAI APIs. */
export type MessagesPath = 'native' | 'chat' | 'responses'

/**
 * Copilot's own Messages endpoint where the model is served there (its Claude models), else Chat
 * Completions, else the Responses API (models served only there). A model listed with no
 * endpoints is taken as a chat model, as Copilot's older lists are.
 */
export function messagesPathOf(model: CopilotModel): MessagesPath | undefined {
  const endpoints = model.supported_endpoints ?? ['/chat/completions']
  if (endpoints.includes('/v1/messages')) return 'native'
  if (endpoints.includes('/chat/completions')) return 'chat'
  if (endpoints.includes('/responses')) return 'responses'
  return undefined
}

/** It reasons: Copilot lists a thinking budget for it, or it is one of OpenAI's reasoning models. */
function reasons(model: CopilotModel): boolean {
  const supports = model.capabilities?.supports
  return (isRecord(supports) && typeof supports.max_thinking_budget === 'number') || isOpenAIReasoningModel(model.id)
}

const answersMessages = (model: CopilotModel) =>
  (model.policy === undefined || model.policy.state === 'enabled') && (model.capabilities?.type ?? 'chat') === 'chat' && messagesPathOf(model) !== undefined

export interface MessagesTarget {
  model: TargetModel
  path: MessagesPath
}

/**
 * The account's model that the request names (Anthropic's dated ids included) and the way to it.
 * No such model is Anthropic's `not_found_error`, naming the models the account has.
 */
export async function messagesTarget(c: Context<KeyedEnv>, requested: string): Promise<MessagesTarget> {
  const models = (await accountModels(c)).filter(answersMessages)
  const id = copilotModelFor(
    requested,
    models.map((model) => model.id),
  )
  const model = models.find((candidate) => candidate.id === id)
  const path = model && messagesPathOf(model)
  if (!model || !path) {
    const allowed = c.var.settings.models
    const named = models.map((candidate) => candidate.id).filter((candidate) => !allowed || allowed.has(candidate))
    throw new RelayError(404, 'model_not_found', `This account has no model ${requested.slice(0, 100)}. Its models: ${named.join(', ') || 'none'}.`, {
      details: [{ field: 'body.model', rule: 'not_found', message: 'not a model of this account' }],
    })
  }
  allowModel(c, model.id)
  return { model: { id: model.id, reasoning: reasons(model) }, path }
}
