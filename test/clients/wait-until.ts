/// <reference types="node" />
// Polls for something another process makes true (an upstream seeing its stream cancelled), with a
// bound, instead of sleeping a fixed time and hoping.

const POLL_MS = 25

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for: ${what}`)
    await new Promise((resume) => setTimeout(resume, POLL_MS))
  }
}
