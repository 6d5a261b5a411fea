import { RelayError } from '../../platform/relay-error.js'
import { log } from '../../platform/log.js'

/**
 * Runs a clean-up step whose failure must not change the answer (the caller already has what
 * they asked for, or already gets the error that matters). Logged by name and code only.
 */
export async function cleanUp(requestId: string, step: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (error) {
    const reason = error instanceof RelayError ? error.code : (error as Error).name
    log('warn', 'chatkit_cleanup_failed', { request_id: requestId, step, reason })
  }
}
