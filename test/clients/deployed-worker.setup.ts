/// <reference types="node" />
import { buildDistWorker } from '../../scripts/deployed-worker.js'

/** Builds dist/worker/ as `npm run build` does, for the real-client tests' `wrangler dev` and scripts/deployed-worker.test.ts. */
export default async function setup() {
  await buildDistWorker()
}
