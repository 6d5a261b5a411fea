/** Each committed spec (openapi/) and its copy in the static assets (public/). */
export const SPEC_COPIES: Record<string, string>
/** Each Copilot page file (src/relays/copilot/pages/) and its copy in the static assets (public/copilot/). */
export const PAGE_COPIES: Record<string, string>
