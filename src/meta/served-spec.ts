/** A committed OpenAPI document as served: `servers` is the origin the request came to. */
export function servedDocument<D extends { info: { title: string; description?: string } }>(document: D, origin: string, sandbox: boolean): D & { servers: { url: string }[] } {
  const info = sandbox
    ? {
        ...document.info,
        title: `${document.info.title} (sandbox)`,
        description: `**Sandbox**: GitHub is an embedded fake and the tokens are public sandbox values; nothing real is touched.\n\n${document.info.description ?? ''}`,
      }
    : document.info
  return { ...document, info, servers: [{ url: origin }] }
}
