import type { Env } from './env.js'

export interface AppVariables {
  requestId: string
  /** Which relay answered, for the request log. */
  relay?: string
  /** The error code answered, for the request log. */
  errorCode?: string
}

export type AppEnv = { Bindings: Env; Variables: AppVariables }

/** A relay's routes see its own validated settings. */
export type RelayEnv<Settings> = { Bindings: Env; Variables: AppVariables & { settings: Settings } }
