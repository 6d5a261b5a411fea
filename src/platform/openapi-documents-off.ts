import * as z from 'zod'

// What `@asteasolutions/zod-to-openapi` resolves to in every wrangler build (wrangler.toml's
// [alias]): the Worker serves the committed OpenAPI documents and builds none, so it ships none of
// the generator. `.openapi()` returns its schema as it is, instead of cloning it and recording
// metadata that only a document reads; start-up paid for that on most schemas. scripts/generate.ts
// and the tests in workerd (vitest.config.ts leaves this alias out) build the documents with the
// real library.

export function extendZodWithOpenApi(): void {
  const prototype = z.ZodType.prototype as { openapi?: unknown }
  prototype.openapi ??= function (this: z.ZodType) {
    return this
  }
}

export const getOpenApiMetadata = (): Record<string, never> => ({})

/** Routes register here and nothing keeps them: only a document would read them. */
export class OpenAPIRegistry {
  readonly definitions: never[] = []
  registerPath(): void {}
  registerWebhook(): void {}
  registerComponent(): void {}
  register<T>(_refId: string, schema: T): T {
    return schema
  }
  registerParameter<T>(_refId: string, schema: T): T {
    return schema
  }
}

class NoDocuments {
  generateDocument(): never {
    throw new Error('the Worker serves the committed OpenAPI documents and builds none: `npm run generate` builds them')
  }
}

export { NoDocuments as OpenApiGeneratorV3, NoDocuments as OpenApiGeneratorV31, NoDocuments as OpenApiGeneratorV32 }
