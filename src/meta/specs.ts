import { relays } from '../relays.js'
import { metaContract } from './contract.js'
import { buildActionsDocument, buildOpenApiDocument } from './documents.js'

/** Every contract the specs hold: each relay's, and relaykit's own routes. */
const contracts = [...relays.map((relay) => relay.contract), metaContract]

/** openapi.json as the contracts make it (scripts/generate.ts writes it; the Worker serves the committed file). */
export const generateOpenApiDocument = () => buildOpenApiDocument(contracts)

/** cf-openapi.json as the contracts make it. */
export const generateActionsDocument = () => buildActionsDocument(contracts)
