import { describe, expect, it } from 'vitest'
import { openaiRelay } from '../../../src/relays/openai/index.js'
import { describeChatOperations } from '../../support/chat-operation-contract.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { bearer, relaykit, secrets } from '../../support/harness.js'
import { expectDocumented } from '../../support/openapi-contract.js'

// The openai relay's operations, every status they document, checked against the committed spec.

describeChatOperations({
  relayOpenAIChat: {
    path: '/relay/openai/chat',
    credential: async () => ({ 'X-Relay-Secret': secrets.OPENAI_RELAY_SECRET }),
    unconfigured: { OPENAI_RELAY_SECRET: '' },
    limit: { RATE_LIMIT_OPENAI: '1/hour' },
  },
  relayOpenAIChatCompletions: {
    path: '/relay/openai/v1/chat/completions',
    credential: async () => bearer(secrets.OPENAI_RELAY_SECRET),
    unconfigured: { OPENAI_API_KEY: '' },
    limit: { RATE_LIMIT_OPENAI: '1/hour' },
  },
})

describe('getRelayHealth', () => {
  it.each([
    [200, {}, {}],
    [403, {}, { Origin: 'https://evil.example' }],
    [503, { OPENAI_RELAY_SECRET: '' }, {}],
  ])('answers %i', async (status, env, headers) => {
    const response = await relaykit(env).fetch('/relay/health', { headers })
    await expectDocumented('get', '/relay/health', response)
    expect(response.status).toBe(status)
  })
})

expectEveryDocumentedStatus((await openaiRelay.contract()).tags)
