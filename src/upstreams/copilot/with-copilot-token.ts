import type { CopilotToken, CopilotTokens, TokenSource } from './token-exchange.js'

/**
 * Makes one Copilot call with the account's Copilot token. When Copilot refuses the token (401:
 * revoked or expired early), the token is exchanged again and the call made once more, so
 * `call` must build its request anew each time.
 */
export async function withCopilotToken(tokens: CopilotTokens, source: TokenSource, call: (token: CopilotToken) => Promise<Response>): Promise<Response> {
  const token = await tokens.get(source)
  const response = await call(token)
  if (response.status !== 401) return response
  await response.body?.cancel()
  tokens.invalidate(source.account, token.token)
  return call(await tokens.get(source))
}
