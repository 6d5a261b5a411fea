// What every upstream client needs to read a fetch's outcome, whichever API it calls.

/** The answer's JSON body, or undefined when it is not JSON (an error page, a cut-off body). */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

/** Whether a fetch failed because its signal gave up waiting (AbortSignal.timeout or an abort), not the network. */
export const isTimeout = (error: unknown) => ['TimeoutError', 'AbortError'].includes((error as Error | undefined)?.name ?? '')
