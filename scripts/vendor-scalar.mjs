// Copies Scalar's standalone script from npm into the Worker's static assets, so /docs renders
// offline and never loads code from a CDN. Runs after `npm install` / `npm ci`.
import { copyFile, mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = resolve(root, 'node_modules/@scalar/api-reference/dist/browser/standalone.js')
const target = resolve(root, 'public/docs/scalar.js')

await mkdir(dirname(target), { recursive: true })
await copyFile(source, target)
console.log('Copied Scalar into public/docs/scalar.js')
