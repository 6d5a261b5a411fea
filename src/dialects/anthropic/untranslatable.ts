/**
 * A request holding something the target API cannot carry and that would change the answer if
 * dropped (a PDF, a hosted Anthropic tool). The caller answers it as Anthropic's
 * `invalid_request_error` (400) with this message, rather than let Copilot refuse it opaquely.
 */
export class UntranslatableRequest extends Error {
  override readonly name = 'UntranslatableRequest'
}

/**
 * An upstream answer that cannot be put in Anthropic's shape (a tool call whose arguments are not
 * JSON). The caller answers it as Anthropic's `api_error` (502) with this message.
 */
export class UnreadableUpstreamAnswer extends Error {
  override readonly name = 'UnreadableUpstreamAnswer'
}
