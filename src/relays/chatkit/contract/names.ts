import * as z from 'zod'

// What the chatkit relay's settings read too, apart from its routes' contract, so reading them
// builds none of it.

/** Sent as `__Host-relaykit_visitor` over https, so no sibling subdomain can plant it; bare only over plain http. */
export const VISITOR_COOKIE = 'relaykit_visitor'

export const WorkflowName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1 to 64 lower-case letters, digits, `-` or `_`')
