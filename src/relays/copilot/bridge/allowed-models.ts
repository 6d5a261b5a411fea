import type { Context } from 'hono'
import { RelayError } from '../../../platform/relay-error.js'
import type { KeyedEnv } from '../copilot-env.js'

/** COPILOT_MODELS, when set, is the only list of models a caller may name. */
export function allowModel(c: Context<KeyedEnv>, model: string) {
  const allowed = c.var.settings.models
  if (allowed && !allowed.has(model)) {
    throw new RelayError(403, 'model_not_allowed', `The model ${model.slice(0, 100)} is not allowed on this bridge. Use one of: ${[...allowed].join(', ')} (COPILOT_MODELS).`, {
      details: [{ field: 'body.model', rule: 'not_allowed', message: 'not in COPILOT_MODELS' }],
    })
  }
}
