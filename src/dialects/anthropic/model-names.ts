/** A release date at the end of an Anthropic model id (`-20250929`), or Anthropic's `-latest` alias. */
const DATE_SUFFIX = /-(?:\d{8}|latest)$/
/** A version written with a hyphen between its numbers (`4-5`), as Anthropic does; Copilot writes `4.5`. */
const HYPHENATED_VERSION = /(?<=(?:^|-)\d{1,2})-(?=\d{1,2}(?:-|$))/g

function canonical(id: string): string {
  return id.toLowerCase().replace(DATE_SUFFIX, '').replace(HYPHENATED_VERSION, '.')
}

/**
 * The model of this account that an Anthropic model id names, or undefined (the caller then
 * answers `not_found_error` naming the available models). Anthropic's ids are dated and hyphenated
 * (`claude-sonnet-4-5-20250929`) where Copilot's are not (`claude-sonnet-4.5`): both sides are
 * compared without the date and with dotted versions. Never a different version or family, so a
 * client always gets the model it asked for or a clear refusal.
 */
export function copilotModelFor(requested: string, available: readonly string[]): string | undefined {
  if (available.includes(requested)) return requested
  const wanted = canonical(requested)
  return available.find((id) => canonical(id) === wanted)
}
