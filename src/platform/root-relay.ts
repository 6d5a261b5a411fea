import { getPath } from 'hono/utils/url'
import type { Env } from './env.js'

/**
 * ROOT_RELAY names the relay that also answers `POST /`, so a deployment can take the place of a
 * service that lived at `/` without its clients changing: `POST /` is routed as that relay's own
 * route, with all of its policy. Every other request keeps its path.
 */
export function rootRelayPath(routes: Readonly<Record<string, string>>) {
  return (request: Request, options?: { env?: Env }): string => {
    const path = getPath(request)
    if (path !== '/' || request.method !== 'POST') return path
    const relay = options?.env?.ROOT_RELAY?.trim().toLowerCase()
    return (relay && Object.hasOwn(routes, relay) && routes[relay]) || path
  }
}
