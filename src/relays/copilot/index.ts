import { ANTHROPIC_REQUEST_ID_HEADER, anthropicErrorEnvelope } from '../../dialects/anthropic/error-envelope.js'
import { openaiErrorEnvelope } from '../../dialects/openai/error-envelope.js'
import { relayRoutes } from '../../../generated/relay-routes.js'
import { defineRelay } from '../../platform/relay-module.js'
import { ACCOUNT_TYPE_HEADER, API_KEY_HEADER, COPILOT_API_KEY_SCHEME, COPILOT_KEY_SCHEME } from './contract/schemes.js'
import { copilotRateLimit, copilotSignInRateLimit, readCopilotRelaySettings } from './settings.js'

/** GitHub Copilot as an OpenAI API and an Anthropic one at `/<username>/v1`, for accounts bound to a GitHub user by a sign-in. */
export const copilotRelay = defineRelay({
  name: 'copilot',
  contract: () => import('./contract/index.js').then((module) => module.copilotContract),
  routeTable: relayRoutes.copilot,
  settings: readCopilotRelaySettings,
  sandbox: {
    COPILOT_GITHUB_USERS: '*',
    // Public: in the sandbox every GitHub token is a fake's.
    COPILOT_TOKEN_KEY: 'cmVsYXlraXQtc2FuZGJveC1jb3BpbG90LWtleS0zMmI=',
    COPILOT_SANDBOX_KEY: 'sandbox-copilot-key',
  },
  credentials: { [COPILOT_KEY_SCHEME]: 'COPILOT_SANDBOX_KEY', [COPILOT_API_KEY_SCHEME]: 'COPILOT_SANDBOX_KEY' },
  rateLimits: { copilot: copilotRateLimit, copilot_sign_in: copilotSignInRateLimit },
  cors: { allowHeaders: [API_KEY_HEADER, ACCOUNT_TYPE_HEADER] },
  // The seed's pages and form lived at the root.
  rootRoute: '/copilot/accounts',
  rootPages: { '/': '/copilot', '/chat': '/copilot/chat' },
  durableObjects: [
    { binding: 'COPILOT_ACCOUNTS', className: 'CopilotAccount' },
    { binding: 'COPILOT_SIGN_INS', className: 'CopilotSignIn' },
  ],
  // Coding agents send large contexts and images.
  bodyLimit: { setting: 'COPILOT_MAX_BODY_BYTES', bytes: 10 * 1024 * 1024, max: 100 * 1024 * 1024 },
  // Where OpenAI's SDKs call, errors are in OpenAI's shape, so the SDKs show relaykit's reason.
  // Where Anthropic's SDKs and Claude Code call, in Anthropic's shape.
  errorEnvelopes: [
    { path: '/:username/v1/*', envelope: openaiErrorEnvelope },
    { path: '/:username/v1/messages', envelope: anthropicErrorEnvelope, requestIdHeader: ANTHROPIC_REQUEST_ID_HEADER },
    { path: '/:username/v1/messages/count_tokens', envelope: anthropicErrorEnvelope, requestIdHeader: ANTHROPIC_REQUEST_ID_HEADER },
  ],
  routes: () => import('./routes.js').then((module) => module.copilotRoutes),
})
