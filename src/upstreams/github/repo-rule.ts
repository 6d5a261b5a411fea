import { OWNER_NAME, REPO_NAME } from './name-patterns.js'

/** One ALLOWED_REPOS entry: `owner/repo`, or `owner/*` for every repository of an owner. */
export interface RepoRule {
  owner: string
  repo: string | '*'
}

export function parseRepoRule(entry: string): RepoRule {
  const [owner = '', repo = '', ...rest] = entry.split('/')
  if (rest.length > 0 || !OWNER_NAME.test(owner) || (repo !== '*' && !REPO_NAME.test(repo))) {
    throw new Error('is not `owner/repo` or `owner/*`')
  }
  return { owner: owner.toLowerCase(), repo: repo === '*' ? '*' : repo.toLowerCase() }
}

/** GitHub names are case-insensitive, so the allowlist is too. Inputs are already validated names. */
export function isRepoAllowed(rules: readonly RepoRule[], owner: string, repo: string): boolean {
  const o = owner.toLowerCase()
  const r = repo.toLowerCase()
  return rules.some((rule) => rule.owner === o && (rule.repo === '*' || rule.repo === r))
}
