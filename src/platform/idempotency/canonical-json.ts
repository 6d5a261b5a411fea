type Step = { value: unknown } | string

const byCodeUnit = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A parsed JSON value serialised with object keys sorted at every depth, so equal values always
 * serialise alike. Built with a work list instead of recursion: it runs before the contract's
 * validator, on whatever the caller sent, and a body nested thousands deep must not exhaust the stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = []
  // Popped from the end: what is written next is pushed last.
  const steps: Step[] = [{ value }]
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if (typeof step === 'string') {
      out.push(step)
      continue
    }
    const current = step.value
    if (Array.isArray(current)) {
      out.push('[')
      steps.push(']')
      for (let i = current.length - 1; i >= 0; i--) steps.push({ value: current[i] }, ...(i > 0 ? [','] : []))
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current).sort(byCodeUnit)
      out.push('{')
      steps.push('}')
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown]
        steps.push({ value: item }, `${JSON.stringify(key)}:`, ...(i > 0 ? [','] : []))
      }
    } else {
      out.push(JSON.stringify(current))
    }
  }
  return out.join('')
}
