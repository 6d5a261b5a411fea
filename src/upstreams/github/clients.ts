import type { UpstreamFetch } from '../../platform/relay-module.js'
import { createGitHubClient } from './client.js'
import type { GitHubUpstream } from './settings.js'

/** GitHub clients for one relay, built once per upstream configuration rather than per request. */
export function githubClients(fetch: UpstreamFetch) {
  const clients = new WeakMap<GitHubUpstream, ReturnType<typeof createGitHubClient>>()
  return (upstream: GitHubUpstream) => {
    let client = clients.get(upstream)
    if (!client) {
      client = createGitHubClient(upstream, fetch)
      clients.set(upstream, client)
    }
    return client
  }
}
