// Signed-in users of the deployment's sign-in provider: more than one relay accepts their tokens.

export const ACCESS_TOKEN_SCHEME = 'accessToken'

export const accessTokenScheme = {
  [ACCESS_TOKEN_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "A signed-in user's access token from the deployment's Kinde business (or OIDC issuer).",
  },
} as const
