import '@hono/zod-openapi'
import * as z from 'zod'

export const Username = z
  .string()
  .min(1)
  .max(39)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits, in words joined by single hyphens')
  .openapi({ description: 'The account, as it appears in `/<username>/v1`.', example: 'octocat' })

export const UsernameParams = z.object({
  username: Username.openapi({ param: { name: 'username', in: 'path' } }),
})
