/** Each committed spec (openapi/) and its copy in the static assets (public/). */
export const SPEC_COPIES: Record<string, string>
