/** The security scheme of the GitHub relay's operations: a Custom GPT's bearer ACTIONS_TOKEN. */
export const ACTIONS_TOKEN_SCHEME = 'actionsToken'
