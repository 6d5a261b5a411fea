import '@hono/zod-openapi'
import * as z from 'zod'

/** OpenAI's error shape, answered on the paths OpenAI's SDKs call, so they show relaykit's reason. */
export const OpenAIErrorBody = z
  .object({
    error: z.object({
      message: z.string().openapi({ description: 'A sentence saying what went wrong and what to do about it.' }),
      type: z
        .enum(['invalid_request_error', 'authentication_error', 'permission_error', 'rate_limit_error', 'api_error'])
        .openapi({ description: "The kind of failure, in OpenAI's words." }),
      param: z.string().nullable().openapi({ description: 'The request field at fault, when there is one.', example: 'model' }),
      code: z.string().openapi({ description: "relaykit's stable snake_case code, the same as `error` on relaykit's own routes.", example: 'model_not_allowed' }),
    }),
  })
  .openapi('OpenAIError')
