import { relayRoutes } from '../../../generated/relay-routes.js'
import { defineRelay } from '../../platform/relay-module.js'
import { RELAY_SECRET_SCHEME } from './schemes.js'
import { operatorRateLimit, readOperatorRelaySettings } from './settings.js'

/** What devices and scripts call with RELAY_SECRET: one repository_dispatch to one configured repository. */
export const operatorRelay = defineRelay({
  name: 'operator',
  contract: () => import('./contract.js').then((module) => module.operatorContract),
  routeTable: relayRoutes.operator,
  settings: readOperatorRelaySettings,
  sandbox: { RELAY_SECRET: 'sandbox-relay-secret', OPERATOR_REPO: 'octo-org/hivemind' },
  credentials: { [RELAY_SECRET_SCHEME]: 'RELAY_SECRET' },
  rateLimits: { operator: operatorRateLimit },
  cors: { allowHeaders: ['Idempotency-Key'], exposeHeaders: ['Idempotent-Replayed'] },
  routes: () => import('./routes.js').then((module) => module.operatorRoutes),
})
