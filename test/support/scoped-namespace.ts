/**
 * A Durable Object namespace whose names are this scope's own: objects of the same name in two
 * scopes are two objects, so tests that share a Worker's bindings never see each other's state.
 */
export function scopedNamespace<T extends Rpc.DurableObjectBranded | undefined>(
  namespace: DurableObjectNamespace<T>,
  scope: string = crypto.randomUUID(),
): DurableObjectNamespace<T> {
  return new Proxy(namespace, {
    get(target, property) {
      if (property === 'idFromName') return (name: string) => target.idFromName(`${scope}:${name}`)
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
