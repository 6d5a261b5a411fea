/** The security scheme of the audit API: AUDIT_TOKEN as a bearer token. */
export const AUDIT_TOKEN_SCHEME = 'auditToken'
