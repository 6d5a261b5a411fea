import { sandboxOpenAIFetch } from '../../sandbox/openai.js'
import type { OpenAIUpstream } from './settings.js'

export type OpenAIFetch = (request: Request) => Promise<Response>

/** How a relay reaches OpenAI: the sandbox's embedded fake, else the network. */
export const openaiFetchFor =
  (networkFetch: OpenAIFetch) =>
  (upstream: OpenAIUpstream): OpenAIFetch =>
    upstream.sandbox ? sandboxOpenAIFetch : networkFetch
