import type { Model } from 'openai/resources/models'
import * as z from 'zod'
import { BoundedMap } from './bounded-map.js'
import { copilotFailure } from './failures.js'
import { copilotHeaders } from './headers.js'
import { CopilotUpstreamError } from './problem.js'
import { singleFlight } from './single-flight.js'
import type { CopilotDeps } from './settings.js'
import { readAnswer, send } from './upstream-call.js'

const copilotModel = z.object({
  id: z.string(),
  name: z.string().optional(),
  vendor: z.string().optional(),
  preview: z.boolean().optional(),
  capabilities: z.object({ type: z.string().optional() }).loose().optional(),
  policy: z.object({ state: z.string() }).loose().optional(),
  billing: z.object({ is_premium: z.boolean().optional(), multiplier: z.number().optional() }).loose().optional(),
  supported_endpoints: z.array(z.string()).optional(),
})

/** One model in Copilot's `/models` answer, as far as relaykit reads it. */
export type CopilotModel = z.infer<typeof copilotModel>

const modelsAnswer = z.object({ data: z.array(z.unknown()) })

/** Models Copilot serves without spending premium requests, for answers that carry no billing. */
export const KNOWN_FREE_MODELS: readonly string[] = ['gpt-5-mini', 'gpt-4o-2024-11-20', 'grok-code-fast-1', 'oswe-vscode-prime']

/** A model in OpenAI's list shape, with what a caller needs to choose it. */
export interface BridgeModel extends Model {
  display_name?: string
  preview?: boolean
  /** Whether calls to it spend no premium requests. */
  free: boolean
  /** Which of Copilot's APIs serve it (`/chat/completions`, `/responses`, `/v1/messages`, …). */
  supported_endpoints?: string[]
  capabilities?: CopilotModel['capabilities']
}

export interface BridgeModelList {
  object: 'list'
  data: BridgeModel[]
}

export function isFreeModel({ id, billing }: CopilotModel): boolean {
  if (billing?.is_premium === false || billing?.multiplier === 0) return true
  if (billing?.is_premium !== undefined || billing?.multiplier !== undefined) return false
  return KNOWN_FREE_MODELS.includes(id)
}

/** A model the account has not enabled (its policy says so) cannot be used, so it is not listed. */
const usable = (model: CopilotModel) => model.policy === undefined || model.policy.state === 'enabled'

function toBridgeModel(model: CopilotModel): BridgeModel {
  return {
    id: model.id,
    object: 'model',
    created: 0,
    owned_by: model.vendor ?? 'github-copilot',
    display_name: model.name,
    preview: model.preview,
    free: isFreeModel(model),
    supported_endpoints: model.supported_endpoints,
    capabilities: model.capabilities,
  }
}

/** Copilot's models in OpenAI's list shape: the usable ones, free models first, otherwise in Copilot's order. */
export function toModelList(models: readonly CopilotModel[]): BridgeModelList {
  const data = models.filter(usable).map(toBridgeModel)
  return { object: 'list', data: [...data.filter((model) => model.free), ...data.filter((model) => !model.free)] }
}

export interface CopilotApiCall {
  /** From copilotBaseUrl. */
  baseUrl: string
  copilotToken: string
  setupPageUrl: string
}

/** Copilot's `GET /models`, with the Copilot token and no initiator (no one is billed for it). */
export const modelsRequest = (baseUrl: string, copilotToken: string) => new Request(`${baseUrl}/models`, { headers: copilotHeaders({ copilotToken }) })

/** The models in Copilot's answer to `GET /models`. Entries relaykit cannot read are skipped. */
export async function readModels(response: Response, setupPageUrl: string): Promise<CopilotModel[]> {
  const { json, text } = await readAnswer(response)
  if (!response.ok) throw new CopilotUpstreamError(copilotFailure(response.status, response.headers, json, text, { setupPageUrl }))
  const answer = modelsAnswer.safeParse(json)
  if (!answer.success)
    throw new CopilotUpstreamError({ status: 502, code: 'copilot_error', message: 'Copilot answered its model list in a shape relaykit does not know. Try again later.' })
  return answer.data.data.flatMap((entry) => {
    const model = copilotModel.safeParse(entry)
    return model.success ? [model.data] : []
  })
}

/** The account's models, from Copilot's `GET /models`. */
export async function fetchCopilotModels(deps: CopilotDeps, { baseUrl, copilotToken, setupPageUrl }: CopilotApiCall): Promise<CopilotModel[]> {
  return readModels(await send(deps, 'Copilot', modelsRequest(baseUrl, copilotToken)), setupPageUrl)
}

/** The model list changes when GitHub or the account's settings change; an hour is the longest it may be stale. */
export const MODELS_MAX_AGE_MS = 60 * 60_000
const MAX_ACCOUNTS = 1000

/** Each account's model list, kept for at most `maxAgeMs`; concurrent callers for one account share one fetch. */
export function createModelsCache({ now, maxAgeMs = MODELS_MAX_AGE_MS }: { now: () => number; maxAgeMs?: number }) {
  const cached = new BoundedMap<string, { models: CopilotModel[]; fetchedAt: number }>(MAX_ACCOUNTS)
  const once = singleFlight<string, CopilotModel[]>()

  async function load(account: string, fetchModels: () => Promise<CopilotModel[]>): Promise<CopilotModel[]> {
    const fetchedAt = now()
    const models = await fetchModels()
    cached.set(account, { models, fetchedAt })
    return models
  }

  return {
    /** `account` names the account and the API host its list came from. */
    get(account: string, fetchModels: () => Promise<CopilotModel[]>): Promise<CopilotModel[]> {
      const entry = cached.get(account)
      if (entry && now() - entry.fetchedAt < maxAgeMs) return Promise.resolve(entry.models)
      return once(account, () => load(account, fetchModels))
    },
    forget(account: string): void {
      cached.delete(account)
    },
  }
}
