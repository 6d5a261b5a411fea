import { getPath } from 'hono/utils/url'
import type { Env } from './env.js'

/** What a relay also answers at the root when ROOT_RELAY names it. */
export interface RootRoutes {
  /** The route `POST /` becomes. */
  post?: string
  /** Pages it serves at root paths: `GET <path>` becomes `GET <its own path>`. */
  pages?: Readonly<Record<string, string>>
}

/**
 * ROOT_RELAY names the relay that also answers at `/`, so a deployment can take the place of a
 * service that lived there without its clients changing: `POST /` (and the relay's root pages)
 * are routed as that relay's own routes, with all of their policy. Every other request keeps its
 * path, decided without reading any setting.
 */
export function rootRelayPath(routes: Readonly<Record<string, RootRoutes>>) {
  const rootPaths = new Set(['/', ...Object.values(routes).flatMap((root) => Object.keys(root.pages ?? {}))])
  return (request: Request, options?: { env?: Env }): string => {
    const path = getPath(request)
    if (!rootPaths.has(path)) return path
    const relay = options?.env?.ROOT_RELAY?.trim().toLowerCase()
    const root = relay && Object.hasOwn(routes, relay) ? routes[relay] : undefined
    if (!root) return path
    if (request.method === 'POST' && path === '/') return root.post ?? path
    if (request.method === 'GET' || request.method === 'HEAD') return root.pages?.[path] ?? path
    return path
  }
}
