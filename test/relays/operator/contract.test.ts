import { describe, expect, it } from 'vitest'
import { operatorRelay } from '../../../src/relays/operator/index.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { describeGitHubOperations } from '../../support/github-operation-contract.js'
import { bearer, relaykit, secrets } from '../../support/harness.js'
import { expectDocumented } from '../../support/openapi-contract.js'

// The operator relay's operation, every status it documents, checked against the committed spec.

describeGitHubOperations({
  triggerHive: { path: '/trigger-hive', token: secrets.RELAY_SECRET, valid: { action: 'execute' }, invalid: { action: 'destroy' }, successStatus: 202 },
})

describe('triggerHive dry run', () => {
  it('answers 200 and calls nothing', async () => {
    const worker = relaykit()
    const response = await worker.post('/trigger-hive', { action: 'execute', dry_run: true }, bearer(secrets.RELAY_SECRET))
    await expectDocumented('post', '/trigger-hive', response)
    expect(response.status).toBe(200)
    expect(worker.github.received).toEqual([])
  })
})

expectEveryDocumentedStatus((await operatorRelay.contract()).tags)
