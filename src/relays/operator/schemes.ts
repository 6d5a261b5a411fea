/** The security scheme of the operator relay: RELAY_SECRET as a bearer token. */
export const RELAY_SECRET_SCHEME = 'relaySecret'
