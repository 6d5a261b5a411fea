import { getPath } from 'hono/utils/url'
import { startChatKitSession } from '../relays/chatkit/contract.js'
import { gatewayChat } from '../relays/gateway/contract.js'
import type { Env } from './env.js'
import type { RelayName } from './relays-enabled.js'

/** The relays that can also answer `POST /`, and the route of theirs it becomes. */
export const ROOT_RELAY_ROUTES: Partial<Record<RelayName, string>> = { chatkit: startChatKitSession.path, gateway: gatewayChat.path }

/**
 * Seeds 002 and 004 answered at `POST /`. ROOT_RELAY names the relay that still does, so a
 * deployment can replace one of them without its clients changing: `POST /` is routed as that
 * relay's own route, with all of its policy. Every other request keeps its path.
 */
export function rootRelayPath(routes = ROOT_RELAY_ROUTES) {
  return (request: Request, options?: { env?: Env }): string => {
    const path = getPath(request)
    if (path !== '/' || request.method !== 'POST') return path
    const relay = options?.env?.ROOT_RELAY?.trim().toLowerCase() as RelayName | undefined
    return (relay && routes[relay]) || path
  }
}
