// GitHub's own naming rules as patterns: the contract's schemas (contract/names.ts) refuse a
// request with them, and the settings (ALLOWED_REPOS and the like) are checked with them without
// building a schema, so the Worker starts without zod.

export const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/
export const REPO_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/
export const EVENT_TYPE_CHARACTERS = /^[A-Za-z0-9._:-]+$/
export const EVENT_TYPE_MAX_LENGTH = 100
export const WORKFLOW_FILE = /^[A-Za-z0-9._-]{1,100}\.ya?ml$/

export const isEventType = (name: string) => name.length <= EVENT_TYPE_MAX_LENGTH && EVENT_TYPE_CHARACTERS.test(name)
export const isWorkflowFile = (name: string) => WORKFLOW_FILE.test(name)
