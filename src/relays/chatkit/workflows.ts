import { WORKFLOW_NAME } from './contract/names.js'
import { RelayError } from '../../platform/relay-error.js'

/** What a session may run: CHATKIT_WORKFLOW_ID, or a workflow the caller names from CHATKIT_WORKFLOWS. */
export interface Workflows {
  defaultId: string
  named: ReadonlyMap<string, string>
}

const WORKFLOW_ID = /^[\w.-]{1,200}$/

export function parseWorkflowId(entry: string): string {
  if (!WORKFLOW_ID.test(entry)) throw new Error('must be a workflow id like wf_68e5c6d1f0b08190')
  return entry
}

/** A CHATKIT_WORKFLOWS entry: `name=workflow_id`. */
export function parseNamedWorkflow(entry: string): [string, string] {
  const [name = '', id = '', ...rest] = entry.split('=').map((part) => part.trim())
  if (rest.length > 0 || !WORKFLOW_NAME.test(name)) throw new Error('must look like `support=wf_…` with a lower-case name')
  return [name, parseWorkflowId(id)]
}

/** The workflow id a start runs: the named one, or the default when none is named. */
export function chosenWorkflowId(workflows: Workflows, name: string | undefined): string {
  if (name === undefined) return workflows.defaultId
  const id = workflows.named.get(name)
  if (!id) throw new RelayError(422, 'unknown_workflow', `"${name}" is not a workflow name in CHATKIT_WORKFLOWS. Leave \`workflow\` out for the default workflow.`)
  return id
}
