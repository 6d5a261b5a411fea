import { accountRoutes } from './accounts.js'
import { BRIDGE_TAG, bridgeRoutes } from './bridge.js'
import { MESSAGES_TAG, messagesRoutes } from './messages.js'
import { pageRoutes } from './pages.js'
import { copilotSecuritySchemes } from './schemes.js'
import { ACCOUNTS_TAG, signInRoutes } from './sign-in.js'

// The Copilot bridge: GitHub Copilot as an OpenAI API and an Anthropic one at `/<username>/v1`, and the accounts,
// sign-in and pages that make its keys.

export const copilotContract = {
  tags: [BRIDGE_TAG, MESSAGES_TAG, ACCOUNTS_TAG],
  routes: [...bridgeRoutes, ...messagesRoutes, ...signInRoutes, ...accountRoutes, ...pageRoutes],
  securitySchemes: copilotSecuritySchemes,
}
