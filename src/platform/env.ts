/**
 * Every binding relaykit reads. Secrets are set with `wrangler secret put`, settings in
 * wrangler.toml `[vars]`; all are strings, parsed once per isolate by each relay's settings.ts.
 */
export interface Env {
  /** `true` runs the local sandbox: embedded fake upstreams and public sandbox secrets. */
  SANDBOX?: string
  /** Comma-separated relays to turn on (default: all). */
  RELAYS?: string
  /** Comma-separated browser origins allowed to call relaykit (exact match). */
  ALLOWED_ORIGINS?: string
  MAX_BODY_BYTES?: string

  // GitHub upstream, shared by the github and operator relays.
  GITHUB_TOKEN?: string
  GITHUB_API_URL?: string
  GITHUB_TIMEOUT_MS?: string

  // github relay (Custom GPT actions).
  ACTIONS_TOKEN?: string
  /** Seed 000's name for ACTIONS_TOKEN, still accepted. */
  CHATGPT_BEARER_TOKEN?: string
  ALLOWED_REPOS?: string
  ALLOWED_EVENT_TYPES?: string
  ALLOWED_WORKFLOWS?: string

  // operator relay.
  RELAY_SECRET?: string
  OPERATOR_REPO?: string
}
