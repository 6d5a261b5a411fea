/** Runs one `run` per key at a time: callers that come while it runs share its outcome. */
export function singleFlight<K, V>(): (key: K, run: () => Promise<V>) => Promise<V> {
  const inFlight = new Map<K, Promise<V>>()
  return (key, run) => {
    const running = inFlight.get(key)
    if (running) return running
    const pending = run().finally(() => inFlight.delete(key))
    inFlight.set(key, pending)
    return pending
  }
}
