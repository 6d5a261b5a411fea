/** Answered when relaykit lowered the caller's max_tokens to the deployment's cap: the cap applied. */
export const MAX_TOKENS_CAPPED_HEADER = 'Relaykit-Max-Tokens-Capped'
