import { defineRelay } from '../../platform/relay-module.js'
import { AUDIT_TOKEN_SCHEME, auditContract } from './contract.js'
import { auditRoutes } from './routes.js'
import { readAuditRelaySettings } from './settings.js'

/** The trail of every write relaykit made or refused, for the operator holding AUDIT_TOKEN. */
export const auditRelay = defineRelay({
  name: 'audit',
  contract: auditContract,
  settings: readAuditRelaySettings,
  sandbox: { AUDIT_TOKEN: 'sandbox-audit-token' },
  credentials: { [AUDIT_TOKEN_SCHEME]: 'AUDIT_TOKEN' },
  routes: auditRoutes,
})
