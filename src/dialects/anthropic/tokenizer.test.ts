import { beforeAll, describe, expect, it } from 'vitest'
import { lazyTokenCounter, o200kCounter, type RawBytePairRanks } from './tokenizer.js'

/** The ranks as the installed package has them; in production they come from the static assets. */
let installedRanks: RawBytePairRanks
const loadInstalledRanks = async () => installedRanks

// The ranks are a 2 MB module, slow to transform for the test runner.
beforeAll(async () => {
  installedRanks = (await import('gpt-tokenizer/bpeRanks/o200k_base')).default
}, 60_000)

describe('o200kCounter', () => {
  it('counts tokens as o200k_base does (checked against js-tiktoken)', async () => {
    const counter = o200kCounter(await loadInstalledRanks())
    expect(counter.count('Hello, world!')).toBe(4)
    expect(counter.count('héllo wörld 你好 🎉')).toBe(9)
    expect(counter.count('function add(a, b) {\n  return a + b\n}')).toBe(14)
    expect(counter.count('')).toBe(0)
  })

  it('counts a special token in a prompt as the plain text it is', async () => {
    expect(o200kCounter(await loadInstalledRanks()).count('I said <|endoftext|> once')).toBe(10)
  })
})

describe('lazyTokenCounter', () => {
  it('loads the ranks once, on first use', async () => {
    let loads = 0
    const counter = lazyTokenCounter(async () => {
      loads += 1
      return loadInstalledRanks()
    })
    expect(loads).toBe(0)
    const [first, second] = await Promise.all([counter(), counter()])
    expect(first).toBe(second)
    expect(loads).toBe(1)
  })

  it('tries again after a failed load', async () => {
    let loads = 0
    const counter = lazyTokenCounter(async () => {
      loads += 1
      if (loads === 1) throw new Error('asset unavailable')
      return loadInstalledRanks()
    })
    await expect(counter()).rejects.toThrow('asset unavailable')
    expect((await counter()).count('Hello, world!')).toBe(4)
  })
})
