// The baseline: forwards the request's method, path and body to the upstream relaykit calls, and
// streams the answer back untouched. What relaykit costs beyond this Worker is its own work.
export default {
  async fetch(request, env) {
    const { pathname, search } = new URL(request.url)
    const upstream = await fetch(env.UPSTREAM_URL + pathname + search, {
      method: request.method,
      headers: { 'content-type': request.headers.get('content-type') ?? 'application/json' },
      body: request.body,
    })
    return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' } })
  },
}
