declare module './env.js' {
  interface Env {
    /** The Worker's static assets (wrangler.toml's [assets]): Scalar's script, the docs page, the committed specs, pages. */
    ASSETS?: Fetcher
  }
}

/**
 * A file of the Worker's static assets (`path` as under public/), which the build puts there so
 * that it costs the Worker neither bundle bytes nor start-up time. No URL serves it raw:
 * wrangler.toml sends every request but Scalar's script to the Worker first.
 */
export async function readAsset(assets: Fetcher | undefined, path: string): Promise<Response> {
  if (!assets) throw new Error('The ASSETS binding is missing: wrangler.toml declares it under [assets].')
  // Any host: the binding reads the path.
  const response = await assets.fetch(`https://assets.invalid/${path}`)
  if (!response.ok) throw new Error(`The static asset ${path} answered ${response.status}: run \`npm run generate\`.`)
  return response
}
