/// <reference types="node" />
// Everything the bench starts (process groups, temporary directories) registers a synchronous,
// idempotent undo here, so it is undone however the run ends: normally, on an exception, or on
// Ctrl-C / SIGTERM. Synchronous because an 'exit' handler cannot wait.

const undos = new Set<() => void>()

/** Registers `undo`; the returned function unregisters it (after a graceful stop). */
export function onCleanup(undo: () => void): () => void {
  undos.add(undo)
  return () => undos.delete(undo)
}

function undoAll() {
  for (const undo of [...undos].reverse()) {
    undos.delete(undo)
    try {
      undo()
    } catch {
      // Best effort: the others must still run.
    }
  }
}

process.once('exit', undoAll)
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping everything it started`)
    undoAll()
    process.exit(code)
  })
}
