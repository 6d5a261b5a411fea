import { SELF } from 'cloudflare:test'
import { afterEach, expect, it, vi } from 'vitest'
import readme from '../../README.md?raw'
import { createRelaykitClient } from '../../generated/client.js'

afterEach(() => vi.unstubAllGlobals())

// The typed-client example from README.md, run against the sandbox Worker. The lines between the
// markers must stand in README.md word for word, so the README cannot drift from what works.
it('the README typed-client example works, as written', async () => {
  vi.stubGlobal('fetch', (request: Request) => SELF.fetch(request))
  const pullRequests: string[] = []
  const console = { log: (line: string) => pullRequests.push(line) }

  // README example starts
  const relaykit = createRelaykitClient({ baseUrl: 'http://localhost:8787', token: 'sandbox-actions-token' })

  const { data, error } = await relaykit.POST('/chatgpt/prs/list', {
    body: { owner: 'octo-org', repo: 'hello-world', state: 'open' },
  })
  if (error) throw new Error(`${error.error}: ${error.message}`)
  for (const pr of data.pull_requests) console.log(`#${pr.number} ${pr.title} (${pr.author})`)
  // README example ends

  expect(pullRequests).toContain('#17 Fix race in session cleanup (mona)')
  const source = (await import('./readme-example.test.ts?raw')).default
  const example = /\/\/ README example starts\n([\s\S]*?)\s*\/\/ README example ends/.exec(source)![1]!
  const dedented = example.replace(/^ {2}/gm, '')
  expect(readme).toContain(dedented)
})
