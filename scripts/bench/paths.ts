/// <reference types="node" />
import { resolve } from 'node:path'
import { repoRoot } from '../local/processes.js'

export { repoRoot, wranglerBin, wranglerEnv } from '../local/processes.js'
export const benchDir = resolve(repoRoot, 'scripts/bench')
