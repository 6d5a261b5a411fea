/** relaykit's own routes, registered at start-up and built on the first request to one (test/meta checks the two agree). */
export const metaRouteTable = [
  ['GET', '/health'],
  ['GET', '/openapi.json'],
  ['GET', '/cf-openapi.json'],
  ['GET', '/docs'],
  ['GET', '/'],
] as const
