import { gatewayRelay } from '../../../src/relays/gateway/index.js'
import { describeChatOperations, type Worker } from '../../support/chat-operation-contract.js'
import { expectEveryDocumentedStatus } from '../../support/contract-coverage.js'
import { bearer } from '../../support/harness.js'

// The gateway relay's operations, every status they document, checked against the committed spec.

const userCredential = async (worker: Worker) => bearer(await worker.identity.mint('carol'))

describeChatOperations({
  gatewayChat: { path: '/gateway/openai/chat', credential: userCredential, unconfigured: { GATEWAY_ENTITLEMENT: '' }, limit: { RATE_LIMIT_GATEWAY: '1/hour' } },
  gatewayChatCompletions: { path: '/gateway/openai/v1/chat/completions', credential: userCredential, unconfigured: { OIDC_AUDIENCE: '' }, limit: { RATE_LIMIT_GATEWAY: '1/hour' } },
})

expectEveryDocumentedStatus((await gatewayRelay.contract()).tags)
