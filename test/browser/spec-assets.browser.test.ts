/// <reference types="node" />
// The specs behind the asset router, which Cloudflare runs in front of the Worker (here
// Miniflare's, under `wrangler dev`, started by ./wrangler-dev.ts). Their raw copies sit in the
// static assets with the placeholder server: whatever spelling of their paths a client sends, the
// answer must come from the Worker (wrangler.toml's run_worker_first), with the request's origin.
import { describe, expect, inject, test } from 'vitest'
import { SERVER_PLACEHOLDER } from '../../src/meta/documents.js'

const baseUrl = inject('relaykitBaseUrl')

describe('the specs under the asset router', () => {
  test.each([['/openapi.json'], ['/cf-openapi.json']])('%s names the origin it was fetched from', async (path) => {
    const response = await fetch(`${baseUrl}${path}`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { servers: unknown }).servers).toEqual([{ url: baseUrl }])
  })

  test.each([['/openapi.json'], ['//openapi.json'], ['/openapi%2Ejson'], ['/%63f-openapi.json']])('no spelling of a raw copy is served: %s', async (path) => {
    const body = await (await fetch(`${baseUrl}${path}`)).text()
    expect(body).not.toContain(SERVER_PLACEHOLDER)
  })
})
