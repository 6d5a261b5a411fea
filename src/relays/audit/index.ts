import { relayRoutes } from '../../../generated/relay-routes.js'
import { defineRelay } from '../../platform/relay-module.js'
import { AUDIT_TOKEN_SCHEME } from './schemes.js'
import { readAuditRelaySettings } from './settings.js'

/** The trail of every write relaykit made or refused, for the operator holding AUDIT_TOKEN. */
export const auditRelay = defineRelay({
  name: 'audit',
  contract: () => import('./contract.js').then((module) => module.auditContract),
  routeTable: relayRoutes.audit,
  settings: readAuditRelaySettings,
  sandbox: { AUDIT_TOKEN: 'sandbox-audit-token' },
  credentials: { [AUDIT_TOKEN_SCHEME]: 'AUDIT_TOKEN' },
  routes: () => import('./routes.js').then((module) => module.auditRoutes),
})
