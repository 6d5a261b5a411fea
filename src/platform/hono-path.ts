/** A contract's path (`/{username}/v1/models`) as Hono routes it (`/:username/v1/models`). */
export const honoPath = (path: string) => path.replaceAll(/\{(\w+)\}/g, ':$1')
