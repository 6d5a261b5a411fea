import { relayRoutes } from '../../../generated/relay-routes.js'
import { defineRelay } from '../../platform/relay-module.js'
import { chatkitIpRateLimit, chatkitUserRateLimit, readChatKitRelaySettings } from './settings.js'

/** Short-lived ChatKit client secrets for a browser widget, each bound to one user. */
export const chatkitRelay = defineRelay({
  name: 'chatkit',
  contract: () => import('./contract/index.js').then((module) => module.chatkitContract),
  routeTable: relayRoutes.chatkit,
  settings: readChatKitRelaySettings,
  sandbox: {
    CHATKIT_WORKFLOW_ID: 'wf_sandbox_assistant',
    CHATKIT_WORKFLOWS: 'support=wf_sandbox_support',
    CHATKIT_COOKIE_SECRET: 'sandbox-chatkit-cookie-secret',
  },
  rateLimits: { chatkit_ip: chatkitIpRateLimit, chatkit_user: chatkitUserRateLimit },
  // Widgets that send X-Client-ID keep working; the header is ignored, never taken as identity.
  cors: { allowHeaders: ['X-Client-ID'] },
  rootRoute: '/api/chatkit/start',
  durableObjects: [{ binding: 'CHATKIT_SESSIONS', className: 'ChatKitSessionRecord' }],
  routes: () => import('./routes.js').then((module) => module.chatkitRoutes),
})
