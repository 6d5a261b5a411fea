/// <reference types="node" />
import { join } from 'node:path'
import { buildDeployedWorker } from '../../scripts/deployed-worker.js'
import { repoRoot } from '../../scripts/local/processes.js'

/** Builds dist/worker/ as `npm run build` does, for the real-client tests' `wrangler dev` (DEPLOYED_WORKER). */
export default async function setup() {
  await buildDeployedWorker(join(repoRoot, 'dist/worker'), join(repoRoot, 'dist/bundle'))
}
