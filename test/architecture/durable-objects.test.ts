import { describe, expect, it } from 'vitest'
import wranglerToml from '../../wrangler.toml?raw'
import * as deployedEntry from '../../src/index.js'
import { platformDurableObjects } from '../../src/platform/durable-objects.js'
import { relays } from '../../src/relays.js'
import * as sandboxEntry from '../../src/sandbox/index.js'

// A Durable Object needs three things to agree: its declaration (the platform's, or a relay's
// module), its class exported by the Worker's entry, and its binding in wrangler.toml.

const declared = [...platformDurableObjects, ...relays.flatMap((relay) => relay.durableObjects ?? [])].map(({ binding, className }) => `${binding}=${className}`).sort()

const bound = [...wranglerToml.matchAll(/\[\[durable_objects\.bindings\]\]\s*name\s*=\s*"([^"]+)"\s*class_name\s*=\s*"([^"]+)"/g)]
  .map(([, binding, className]) => `${binding}=${className}`)
  .sort()

describe('Durable Objects', () => {
  it('every declared one is bound in wrangler.toml, and nothing else is', () => {
    expect(declared.length).toBeGreaterThan(0)
    expect(bound).toEqual(declared)
  })

  it.each([
    ['the deployed entry', deployedEntry],
    ['the sandbox entry', sandboxEntry],
  ])('%s exports the class of each', (_, entry) => {
    for (const pair of declared) {
      const className = pair.split('=')[1] ?? ''
      expect(typeof (entry as Record<string, unknown>)[className], className).toBe('function')
    }
  })

  it('every class wrangler.toml migrates is declared', () => {
    const migrated = [...wranglerToml.matchAll(/new_sqlite_classes\s*=\s*\[([^\]]*)\]/g)].flatMap(([, list]) => [...(list ?? '').matchAll(/"([^"]+)"/g)].map(([, name]) => name))
    expect(migrated.sort()).toEqual(declared.map((pair) => pair.split('=')[1]).sort())
  })
})
