import { relayRoutes } from '../../../generated/relay-routes.js'
import { defineRelay } from '../../platform/relay-module.js'
import { ACTIONS_TOKEN_SCHEME } from './schemes.js'
import { githubRateLimit, readGitHubRelaySettings } from './settings.js'

/** What a Custom GPT calls: pull requests, comments, labels, dispatches and workflow runs on allowlisted repositories. */
export const githubRelay = defineRelay({
  name: 'github',
  contract: () => import('./contract.js').then((module) => module.githubContract),
  routeTable: relayRoutes.github,
  settings: readGitHubRelaySettings,
  sandbox: {
    ACTIONS_TOKEN: 'sandbox-actions-token',
    ALLOWED_REPOS: 'octo-org/*',
    ALLOWED_EVENT_TYPES: 'deploy-preview,run-tests',
    ALLOWED_WORKFLOWS: 'ci.yml,deploy.yml',
  },
  credentials: { [ACTIONS_TOKEN_SCHEME]: 'ACTIONS_TOKEN' },
  rateLimits: { github: githubRateLimit },
  cors: { allowHeaders: ['Idempotency-Key'], exposeHeaders: ['Idempotent-Replayed'] },
  routes: () => import('./routes.js').then((module) => module.githubRoutes),
})
