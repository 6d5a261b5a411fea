/// <reference types="node" />
// The Copilot bridge's side of the bench: an account signed up as production makes one (a pasted
// GitHub token the fake upstream accepts, then a key made in the session that sign-up opened), and
// its chat calls against the bare Worker's, with the same bodies the OpenAI relay's scenarios send.
import { HOST } from '../local/processes.js'
import { BENCH_GITHUB_USER } from './fake-upstream.js'
import type { PerSide } from './latency.js'
import type { Call } from './client.js'

const JSON_TYPE = { 'content-type': 'application/json' }

async function post(origin: string, path: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${path}`, { method: 'POST', headers: { ...JSON_TYPE, Origin: origin, ...headers }, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  return response
}

/** Signs up the bench's account on the relaykit Worker at `port` and makes it a key; resolves with the key. */
export async function copilotKey(port: number): Promise<string> {
  const origin = `http://${HOST}:${port}`
  const username = BENCH_GITHUB_USER.login
  const signedUp = await post(origin, '/copilot/accounts', { username, github_token: 'ghu_benchGitHubToken0000000000' })
  const session = signedUp.headers.get('set-cookie')?.split(';')[0]
  if (!session) throw new Error('the sign-up opened no session')
  const made = (await (await post(origin, `/copilot/accounts/${username}/keys`, { name: 'bench' }, { Cookie: session })).json()) as { key: string }
  return made.key
}

export const copilotChatCalls = (key: string, body: string): PerSide<Call> => ({
  relaykit: { method: 'POST', path: `/${BENCH_GITHUB_USER.login}/v1/chat/completions`, headers: { ...JSON_TYPE, authorization: `Bearer ${key}` }, body },
  bare: { method: 'POST', path: '/chat/completions', headers: JSON_TYPE, body },
})
