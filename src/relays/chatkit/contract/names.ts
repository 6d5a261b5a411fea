// What the chatkit relay's settings read too, apart from its routes' contract, so reading them
// builds none of it, and the Worker starts without zod.

/** Sent as `__Host-relaykit_visitor` over https, so no sibling subdomain can plant it; bare only over plain http. */
export const VISITOR_COOKIE = 'relaykit_visitor'

/** A name CHATKIT_WORKFLOWS gives a workflow, and a start may ask for. */
export const WORKFLOW_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/
