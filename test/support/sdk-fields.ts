// Types are erased at run time, so a test cannot ask the SDKs whether a body fits their request
// types. A `Fields<T>` list stands in: the typecheck holds every field it names to a field of T
// (an excess property is a type error), and `fieldsOutside` finds what a body holds beyond the
// list. A list may name fewer fields than T has, which can only make the check stricter.

/** Every key of every member of a union. */
type KeysOf<T> = T extends unknown ? keyof T : never

/** The type under `K` in whichever members of a union have it. */
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never

/** The object types a value can hold, arrays looked into. */
type ObjectsIn<V> = V extends readonly (infer Item)[] ? ObjectsIn<Item> : V extends object ? V : never

type Nested<V> = [ObjectsIn<V>] extends [never] ? true : true | Fields<ObjectsIn<V>>

/**
 * The fields of T a body may hold: `true` takes the value as it is (a JSON schema, a free-form
 * map); a nested list checks the objects in the value (each item of an array), so a union of
 * object types is held to the fields any of its members has.
 */
export type Fields<T> = { readonly [K in KeysOf<T>]?: Nested<ValueAt<T, K>> }

interface AnyFields {
  readonly [key: string]: true | AnyFields | undefined
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function outside(fields: AnyFields, value: unknown, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => outside(fields, item, `${at}[${index}]`))
  if (!isObject(value)) return []
  return Object.entries(value).flatMap(([key, inner]) => {
    const nested = Object.hasOwn(fields, key) ? fields[key] : undefined
    if (nested === undefined) return [`${at}.${key}`]
    return nested === true ? [] : outside(nested, inner, `${at}.${key}`)
  })
}

/** The paths of what `body` holds that `fields` does not list (`body.tools[0].defer_loading`); none when it fits. */
export function fieldsOutside<T>(fields: Fields<T>, body: unknown): string[] {
  return outside(fields, body, 'body')
}
