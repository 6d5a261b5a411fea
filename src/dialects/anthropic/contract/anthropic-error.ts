import '@hono/zod-openapi'
import * as z from 'zod'

/** Anthropic's error shape, answered on the paths Anthropic's SDKs and Claude Code call. */
export const AnthropicErrorBody = z
  .object({
    type: z.literal('error'),
    error: z.object({
      type: z
        .enum([
          'invalid_request_error',
          'authentication_error',
          'permission_error',
          'not_found_error',
          'rate_limit_error',
          'api_error',
          'overloaded_error',
          'timeout_error',
          'billing_error',
        ])
        .openapi({ description: "The kind of failure, in Anthropic's words: the SDKs raise an error class by it." }),
      message: z.string().openapi({ description: 'A sentence saying what went wrong and what to do about it.' }),
    }),
    request_id: z.string().nullable().openapi({ description: 'The `request-id` header of this answer, for the logs.', example: 'req_4f9c2a7d1b8e4c0f9a6d3e2b1c0f8a7d' }),
  })
  .openapi('AnthropicError')
