/// <reference types="node" />
// What every browser test shares: Debian's chromium through playwright-core (never a downloaded
// browser), with flags that keep it from calling Google's services on this closed network.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const UI_TIMEOUT_MS = 30_000
export const screenshotDir = resolve(dirname(fileURLToPath(import.meta.url)), '__screenshots__')

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export const isLoopback = (url: string) => {
  const { protocol, hostname } = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true
  return LOOPBACK_HOSTS.has(hostname)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}
