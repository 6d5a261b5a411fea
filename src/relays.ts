import type { RelayModule } from './platform/relay-module.js'
import { auditRelay } from './relays/audit/index.js'
import { chatkitRelay } from './relays/chatkit/index.js'
import { copilotRelay } from './relays/copilot/index.js'
import { gatewayRelay } from './relays/gateway/index.js'
import { githubRelay } from './relays/github/index.js'
import { openaiRelay } from './relays/openai/index.js'
import { operatorRelay } from './relays/operator/index.js'

/** Every relay relaykit has. A new relay is a folder under relays/ and a line here. */
export const relays: readonly RelayModule[] = [githubRelay, operatorRelay, openaiRelay, gatewayRelay, chatkitRelay, auditRelay, copilotRelay] as RelayModule[]
