/// <reference types="node" />
// One plain `workerd serve` process (no wrangler, no Miniflare, no asset router in front) serving
// two Workers on their own loopback ports: relaykit's deployed build, and a bare Worker that only
// forwards to the same upstream. Both reach the fake upstream through a network service that
// allows loopback (workerd's default `internet` refuses local addresses).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { freePort, HOST, startGroup, waitForOk } from '../local/processes.js'
import type { Build } from './build.js'
import { BENCH_GITHUB_USER } from './fake-upstream.js'

const workerd = createRequire(import.meta.url)('workerd') as { default: string; version: string }
export const workerdVersion = workerd.version

/** Bench-only values: the fake upstream accepts anything. */
export const SECRETS = { relay: 'bench-relay-secret-0123456789abcdef0123', actions: 'bench-actions-token-0123456789abcdef' }
export const REPO = { owner: 'octo-org', repo: 'hello-world' }

/** relaykit's settings: only the relays measured, no rate limits (they would refuse a benchmark). */
function relaykitSettings(upstream: string): Record<string, string> {
  return {
    RELAYS: 'openai,github,copilot',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_RELAY_SECRET: SECRETS.relay,
    OPENAI_API_URL: `${upstream}/v1`,
    OPENAI_MODELS: 'gpt-4o-mini',
    GITHUB_TOKEN: 'ghp_bench',
    GITHUB_API_URL: upstream,
    ACTIONS_TOKEN: SECRETS.actions,
    ALLOWED_REPOS: `${REPO.owner}/${REPO.repo}`,
    RATE_LIMIT_OPENAI: 'off',
    RATE_LIMIT_GITHUB: 'off',
    COPILOT_GITHUB_USERS: BENCH_GITHUB_USER.login,
    COPILOT_TOKEN_KEY: 'YmVuY2gtY29waWxvdC10b2tlbi1rZXktMzItYnl0ZSE=',
    COPILOT_API_URL: upstream,
    COPILOT_GITHUB_API_URL: upstream,
    RATE_LIMIT_COPILOT: 'off',
    RATE_LIMIT_COPILOT_SIGN_IN: 'off',
  }
}

const text = (value: string) => JSON.stringify(value)
const list = (items: string[]) => `[\n    ${items.join(',\n    ')},\n  ]`

/** The capnp text config, written into `work`; relaykit's modules are embedded from the build's outdir by relative path (embed takes no absolute one). */
function writeConfig(build: Build, work: string, ports: { relaykit: number; bare: number }, upstream: string): string {
  const bindings = Object.entries({ ...build.vars, ...relaykitSettings(upstream) }).map(([name, value]) => `(name = ${text(name)}, text = ${text(value)})`)
  bindings.push(...build.durableObjects.map(({ binding, className }) => `(name = ${text(binding)}, durableObjectNamespace = ${text(className)})`))
  const namespaces = build.durableObjects.map(({ className }) => `(className = ${text(className)}, uniqueKey = ${text(`relaykit-${className}`)}, enableSql = true)`)
  const bare = readFileSync(new URL('./bare-worker.js', import.meta.url), 'utf8')
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "relaykit", worker = .relaykit),
    (name = "bare", worker = .bare),
    (name = "loopback", network = (allow = ["local"])),
    (name = "objects", disk = (path = ${text(join(work, 'objects'))}, writable = true)),
  ],
  sockets = [
    (name = "relaykit", address = "${HOST}:${ports.relaykit}", http = (), service = "relaykit"),
    (name = "bare", address = "${HOST}:${ports.bare}", http = (), service = "bare"),
  ],
);

const relaykit :Workerd.Worker = (
  modules = ${list(build.modules.map((module) => `(name = ${text(module.name)}, ${module.type} = embed ${text(relative(work, module.path))})`))},
  compatibilityDate = ${text(build.compatibilityDate)},
  compatibilityFlags = [${build.compatibilityFlags.map(text).join(', ')}],
  bindings = ${list(bindings)},
  durableObjectNamespaces = ${list(namespaces)},
  durableObjectStorage = (localDisk = "objects"),
  globalOutbound = "loopback",
);

const bare :Workerd.Worker = (
  modules = [(name = "bare-worker.js", esModule = ${text(bare)})],
  compatibilityDate = ${text(build.compatibilityDate)},
  bindings = [(name = "UPSTREAM_URL", text = ${text(upstream)})],
  globalOutbound = "loopback",
);
`
  // SQLite-backed Durable Objects (the Copilot accounts) need a disk: in-memory storage has no SQL.
  mkdirSync(join(work, 'objects'), { recursive: true })
  const path = join(work, 'workerd.capnp')
  writeFileSync(path, config)
  return path
}

export type Workerd = Awaited<ReturnType<typeof startWorkerd>>

/** Starts workerd and resolves once both Workers answer. Their console.log lines are discarded: production ships them off the request path. */
export async function startWorkerd(build: Build, work: string, upstream: string) {
  const ports = { relaykit: await freePort(), bare: await freePort() }
  const config = writeConfig(build, work, ports, upstream)
  const served = startGroup(workerd.default, ['serve', config], { quietStdout: true })
  try {
    await waitForOk(`http://${HOST}:${ports.relaykit}/health`, served, 'workerd (relaykit)', 30_000)
    await waitForOk(`http://${HOST}:${ports.bare}/`, served, 'workerd (bare Worker)', 30_000)
  } catch (error) {
    await served.stop()
    throw error
  }
  return { process: served, ...ports }
}
