import { env } from 'cloudflare:workers'
import { type AccountDirectory, accountDirectory } from '../../src/relays/copilot/accounts/account-directory.js'
import { scopedNamespace } from './scoped-namespace.js'

/** Accounts of one test's own, in the test Worker's real CopilotAccount objects. */
export const testAccountDirectory = (): AccountDirectory => accountDirectory(scopedNamespace(env.COPILOT_ACCOUNTS!))
