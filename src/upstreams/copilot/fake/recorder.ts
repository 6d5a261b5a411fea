/** One request a fake received, for tests to assert on. */
export interface RecordedRequest {
  method: string
  url: string
  path: string
  /** Lower-case names. */
  headers: Record<string, string>
  /** Parsed JSON, else the text, else undefined. */
  body: unknown
}

export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const text = request.body ? await request.clone().text() : ''
  let body: unknown = text || undefined
  try {
    body = JSON.parse(text)
  } catch {}
  return { method: request.method, url: request.url, path: new URL(request.url).pathname, headers: Object.fromEntries(request.headers), body }
}

/** The credential of `Authorization: token …` or `Authorization: Bearer …`. */
export const presentedCredential = (request: Request) => /^(?:token|bearer) +(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
