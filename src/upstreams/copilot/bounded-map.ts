/** A Map that forgets its oldest entry once it holds `limit`, so a per-isolate cache cannot grow without end. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super()
  }

  override set(key: K, value: V): this {
    this.delete(key)
    if (this.size >= this.limit) this.delete(this.keys().next().value as K)
    return super.set(key, value)
  }
}
