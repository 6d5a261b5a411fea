/** The two ways to present OPENAI_RELAY_SECRET: its own header, or a bearer token as OpenAI's SDKs send their key. */
export const OPENAI_RELAY_SECRET_HEADER_SCHEME = 'openaiRelaySecret'
export const OPENAI_RELAY_BEARER_SCHEME = 'openaiRelayBearer'
