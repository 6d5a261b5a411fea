import { SELF } from 'cloudflare:test'
import { expect, it } from 'vitest'
import { createRelaykitClient } from '../generated/client.js'

// The typed-client example from README.md, run against the sandbox Worker. Keep the two in step.
it('the README typed-client example works', async () => {
  const fetch = (request: Request) => SELF.fetch(request)

  // --- README example starts ---
  const relaykit = createRelaykitClient({ baseUrl: 'http://localhost:8787', token: 'sandbox-actions-token', fetch })

  const { data, error } = await relaykit.POST('/chatgpt/prs/list', {
    body: { owner: 'octo-org', repo: 'hello-world', state: 'open' },
  })
  if (error) throw new Error(`${error.error}: ${error.message}`)
  for (const pr of data.pull_requests) console.log(`#${pr.number} ${pr.title} (${pr.author})`)
  // --- README example ends ---

  expect(data.pull_requests.every((pr) => pr.state === 'open')).toBe(true)
})
