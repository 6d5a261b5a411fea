/** A model as Copilot's `GET /models` lists it. */
export interface FakeCopilotModel {
  id: string
  name: string
  vendor: string
  version: string
  object: 'model'
  preview: boolean
  model_picker_enabled: boolean
  capabilities: {
    family: string
    type: 'chat' | 'embeddings'
    tokenizer: string
    object: 'model_capabilities'
    limits?: { max_context_window_tokens?: number; max_output_tokens?: number; max_prompt_tokens?: number; max_inputs?: number }
    supports: { streaming?: boolean; tool_calls?: boolean; parallel_tool_calls?: boolean; vision?: boolean; dimensions?: boolean }
  }
  policy?: { state: 'enabled' | 'disabled' | 'unconfigured'; terms: string }
  billing?: { is_premium: boolean; multiplier: number }
  supported_endpoints?: string[]
}

const chatModel = (
  id: string,
  name: string,
  vendor: string,
  billing: FakeCopilotModel['billing'],
  supportedEndpoints: string[],
  policyState: 'enabled' | 'disabled' = 'enabled',
): FakeCopilotModel => ({
  id,
  name,
  vendor,
  version: id,
  object: 'model',
  preview: false,
  model_picker_enabled: true,
  capabilities: {
    family: id,
    type: 'chat',
    tokenizer: 'o200k_base',
    object: 'model_capabilities',
    limits: { max_context_window_tokens: 128_000, max_output_tokens: 16_384, max_prompt_tokens: 128_000 },
    supports: { streaming: true, tool_calls: true, parallel_tool_calls: true, vision: true },
  },
  policy: { state: policyState, terms: `Enable access to ${name}.` },
  ...(billing ? { billing } : {}),
  supported_endpoints: supportedEndpoints,
})

const PREMIUM = { is_premium: true, multiplier: 1 }
const INCLUDED = { is_premium: false, multiplier: 0 }

/**
 * The fake's models: a Claude model on Copilot's native Messages endpoint, GPT models on both
 * OpenAI APIs (one free by its billing, one free with no billing at all), a Responses-only
 * model, a model the account has not enabled, and an embeddings model.
 */
export const FAKE_COPILOT_MODELS: readonly FakeCopilotModel[] = [
  chatModel('claude-sonnet-4.5', 'Claude Sonnet 4.5', 'Anthropic', PREMIUM, ['/chat/completions', '/v1/messages']),
  chatModel('gpt-5', 'GPT-5', 'OpenAI', PREMIUM, ['/chat/completions', '/responses']),
  chatModel('gpt-4.1', 'GPT-4.1', 'Azure OpenAI', INCLUDED, ['/chat/completions', '/responses']),
  chatModel('gpt-5-mini', 'GPT-5 mini', 'Azure OpenAI', undefined, ['/chat/completions', '/responses']),
  chatModel('gpt-5-codex', 'GPT-5-Codex', 'OpenAI', PREMIUM, ['/responses']),
  chatModel('claude-opus-4.1', 'Claude Opus 4.1', 'Anthropic', { is_premium: true, multiplier: 10 }, ['/chat/completions', '/v1/messages'], 'disabled'),
  {
    id: 'text-embedding-3-small',
    name: 'Embedding V3 small',
    vendor: 'Azure OpenAI',
    version: 'text-embedding-3-small',
    object: 'model',
    preview: false,
    model_picker_enabled: false,
    capabilities: {
      family: 'text-embedding-3-small',
      type: 'embeddings',
      tokenizer: 'cl100k_base',
      object: 'model_capabilities',
      limits: { max_inputs: 512 },
      supports: { dimensions: true },
    },
    billing: INCLUDED,
    supported_endpoints: ['/embeddings'],
  },
]
