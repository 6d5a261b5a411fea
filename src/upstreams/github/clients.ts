import { createFakeGitHub, type FakeGitHub } from './fake/fake-github.js'
import { createGitHubClient, type GitHubFetch } from './client.js'
import type { GitHubUpstream } from './settings.js'

let sandboxGitHub: FakeGitHub | undefined

/**
 * GitHub clients for one relay, built once per upstream configuration rather than per request:
 * the embedded fake in the sandbox, else the real network.
 */
export function githubClients(networkFetch: GitHubFetch) {
  const clients = new WeakMap<GitHubUpstream, ReturnType<typeof createGitHubClient>>()
  return (upstream: GitHubUpstream) => {
    let client = clients.get(upstream)
    if (!client) {
      const fetch = upstream.sandbox ? (sandboxGitHub ??= createFakeGitHub()).fetch : networkFetch
      client = createGitHubClient(upstream, fetch)
      clients.set(upstream, client)
    }
    return client
  }
}
