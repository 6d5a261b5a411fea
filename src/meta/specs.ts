import { honoPath } from '../platform/hono-path.js'
import { relays } from '../relays.js'
import { metaContract } from './contract.js'
import { buildActionsDocument, buildOpenApiDocument } from './documents.js'

/** Every contract the specs hold: each relay's, and relaykit's own routes. */
const contracts = async () => [...(await Promise.all(relays.map((relay) => relay.contract()))), metaContract]

/** openapi.json as the contracts make it (scripts/generate.ts writes it; the Worker serves the committed file). */
export const generateOpenApiDocument = async () => buildOpenApiDocument(await contracts())

/** cf-openapi.json as the contracts make it. */
export const generateActionsDocument = async () => buildActionsDocument(await contracts())

/** generated/relay-routes.ts: each relay's methods and paths, which its module declares without loading its contract. */
export async function generateRelayRoutes(banner: string): Promise<string> {
  const entries = await Promise.all(
    relays.map(async (relay) => {
      const routes = (await relay.contract()).routes.map((route) => `['${route.method.toUpperCase()}', '${honoPath(route.path)}']`)
      return `  ${relay.name}: [${routes.join(', ')}],`
    }),
  )
  return `${banner}\n/** Each relay's routes (method, path as Hono routes it): where its gate holds, and where its first request builds its routes. */\nexport const relayRoutes = {\n${entries.join('\n')}\n} as const\n`
}
