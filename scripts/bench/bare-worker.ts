// The baseline for relaykit's added latency: a Worker that does nothing but forward the request
// body to the upstream and stream the upstream's answer back. Whatever relaykit costs beyond this
// Worker is relaykit's own work (auth, validation, policy, SSE handling, logging).
//
// With LOG_LINES set it also writes that many JSON log lines per request, as relaykit does (its
// request log and its usage log): run with relaykit's [assets] too (bare-platform-wrangler.toml),
// it shows what those two platform costs add under `wrangler dev`, apart from relaykit's code.
interface BareEnv {
  /** Full URL of the upstream chat completions endpoint. */
  UPSTREAM_URL: string
  /** JSON lines to console.log per request; none when unset. */
  LOG_LINES?: string
}

export default {
  async fetch(request, env) {
    const upstream = await fetch(env.UPSTREAM_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request.body,
    })
    const lines = Number(env.LOG_LINES ?? 0)
    for (let line = 0; line < lines; line++) {
      console.log(JSON.stringify({ level: 'info', msg: 'bench', line, request_id: 'req_0123456789abcdef', status: upstream.status, outcome: 'ok', duration_ms: 1 }))
    }
    return new Response(upstream.body, {
      status: upstream.status,
      headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
    })
  },
} satisfies ExportedHandler<BareEnv>
