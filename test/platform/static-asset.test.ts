import { describe, expect, it } from 'vitest'
import { readAsset } from '../../src/platform/static-asset.js'

/** An ASSETS binding holding `files`, recording each URL asked for. */
function assetsOf(files: Record<string, string>) {
  const requested: string[] = []
  const fetch = async (input: RequestInfo | URL) => {
    const url = String(input)
    requested.push(url)
    const body = files[new URL(url).pathname.slice(1)]
    return body === undefined ? new Response('Not found', { status: 404 }) : new Response(body)
  }
  return { assets: { fetch } as unknown as Fetcher, requested }
}

describe('readAsset', () => {
  it('reads a file of the static assets by its path under public/', async () => {
    const { assets, requested } = assetsOf({ 'tokenizer/o200k_base.json': '["a","b"]' })
    expect(await (await readAsset(assets, 'tokenizer/o200k_base.json')).json()).toEqual(['a', 'b'])
    expect(requested.map((url) => new URL(url).pathname)).toEqual(['/tokenizer/o200k_base.json'])
  })

  it('says which asset is missing, and how to put it back', async () => {
    const { assets } = assetsOf({})
    await expect(readAsset(assets, 'docs/page.html')).rejects.toThrow('The static asset docs/page.html answered 404: run `npm run generate`.')
  })

  it('says so when the Worker has no ASSETS binding', async () => {
    await expect(readAsset(undefined, 'openapi.json')).rejects.toThrow('The ASSETS binding is missing')
  })
})
