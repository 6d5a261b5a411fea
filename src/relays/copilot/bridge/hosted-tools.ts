import { RelayError } from '../../../platform/relay-error.js'
import { isRecord } from '../../../upstreams/copilot/json.js'

/**
 * Tools OpenAI runs on its own infrastructure, with state only OpenAI holds (vector stores,
 * containers, remote MCP servers, generated images): Copilot has no use for them. Tools the
 * caller runs itself (function, custom, namespace) and web search pass.
 */
const HOSTED_TOOLS = new Set(['file_search', 'code_interpreter', 'computer_use_preview', 'computer_use', 'image_generation', 'mcp'])

/** Refuses, by name, a Responses request that offers a tool Copilot cannot run, rather than let Copilot refuse it opaquely. */
export function refuseHostedTools(tools: unknown): void {
  if (!Array.isArray(tools)) return
  const hosted = [...new Set(tools.flatMap((tool) => (isRecord(tool) && typeof tool.type === 'string' && HOSTED_TOOLS.has(tool.type) ? [tool.type] : [])))]
  if (hosted.length === 0) return
  const index = tools.findIndex((tool) => isRecord(tool) && hosted.includes(tool.type as string))
  throw new RelayError(
    400,
    'copilot_unsupported_tool',
    `Copilot cannot run the hosted tool${hosted.length > 1 ? 's' : ''} ${hosted.join(', ')}: ${hosted.length > 1 ? 'they need' : 'it needs'} state only OpenAI keeps. Remove ${hosted.length > 1 ? 'them' : 'it'} from \`tools\`, or offer a function tool your client runs instead.`,
    { details: [{ field: `body.tools.${index}.type`, rule: 'unsupported_tool', message: `${hosted[0]} is not a tool Copilot runs` }] },
  )
}
