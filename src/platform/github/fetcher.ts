import { createFakeGitHub, type FakeGitHub } from '../../sandbox/fake-github.js'
import { createGitHubClient, type GitHubFetch } from './client.js'
import type { GitHubUpstream } from './upstream-settings.js'

let sandboxGitHub: FakeGitHub | undefined

/** The client for this upstream: the embedded fake in the sandbox, else the real network. */
export function githubClientFor(upstream: GitHubUpstream, networkFetch: GitHubFetch) {
  const fetch = upstream.sandbox ? (sandboxGitHub ??= createFakeGitHub()).fetch : networkFetch
  return createGitHubClient(upstream, fetch)
}
