import type { Context } from 'hono'
import { type CopilotModel, modelsRequest, readModels } from '../../../upstreams/copilot/models.js'
import type { KeyedEnv } from '../copilot-env.js'
import { setupPageUrl } from '../copilot-env.js'
import { answeringProblems } from '../problems.js'
import { baseUrlFor, copilotFetch, tokenSource } from './copilot-call.js'

/** The account's models as Copilot lists them, from the runtime's cache (kept for at most an hour). */
export async function accountModels(c: Context<KeyedEnv>): Promise<CopilotModel[]> {
  const { runtime, account } = c.var
  const setup = setupPageUrl(c)
  // The list depends on the account's token and on the API host it came from.
  const token = await answeringProblems(setup, () => runtime.tokens.get(tokenSource(c)))
  return answeringProblems(setup, () =>
    runtime.models.get(`${account.tokenId} ${baseUrlFor(c, token)}`, async () =>
      readModels(await copilotFetch(c, (current, baseUrl) => modelsRequest(baseUrl, current.token)), setup),
    ),
  )
}
