import { rateLimit } from '../../../platform/rate-limit/rate-limit.js'
import { copilotRateLimit } from '../settings.js'
import { requireRelaykitKey } from './require-key.js'

/**
 * What every bridge route runs first: the account opened with a relaykit key, then a token from
 * the account's bucket. Copilot bills the account, not the deployment, so an unreachable limiter
 * does not stop its owner.
 */
export const bridgeGuards = () => [requireRelaykitKey(), rateLimit(copilotRateLimit, { whenUnavailable: 'allow' })] as const
