import { describe, expect, it } from 'vitest'
import { withoutDocuments } from './deployed-sources.js'

const contract = `import { createRoute } from '@hono/zod-openapi'
export const IssueRequest = z
  .object({
    title: z.string().min(1).openapi({ description: 'The title.', example: 'Bug' }),
    description: z.string().max(10).optional(),
  })
  .openapi('IssueRequest')
export const openIssue = createRoute({
  method: 'post',
  path: '/issues',
  operationId: 'openIssue',
  tags: ['GitHub'],
  summary: 'Open an issue',
  description:
    'A long description.',
  security,
  request: { body: { content: { 'application/json': { schema: IssueRequest } } } },
  responses: {
    200: jsonResponse('Opened.', IssueResponse),
    ...errorResponses([400]),
  },
})
export const chat = chatCompletionRoute({ path: '/chat', operationId: 'chat', summary: 'Chat', description: flow, errorDescriptions })
app.openapi(openIssue, async (c) => c.json({}))
`

describe('the deployed sources', () => {
  const stripped = withoutDocuments(contract, 'contract.ts')

  it("keep every line where it was, so the bundle's source map points into src/", () => {
    expect(stripped.split('\n')).toHaveLength(contract.split('\n').length)
    expect(stripped.split('\n').indexOf("  path: '/issues',")).toBe(contract.split('\n').indexOf("  path: '/issues',"))
  })

  it("drop schemas' .openapi() calls, and keep what validates", () => {
    expect(stripped).not.toContain(".openapi({ description: 'The title.'")
    expect(stripped).not.toContain(".openapi('IssueRequest')")
    expect(stripped).toContain('title: z.string().min(1),')
    // A request field named description is the caller's, not prose.
    expect(stripped).toContain('description: z.string().max(10).optional(),')
  })

  it("drop routes' prose, tags and responses, and keep what a request is routed and checked by", () => {
    for (const prose of ["tags: ['GitHub']", 'Open an issue', 'A long description.', "'Chat'", 'flow', 'errorDescriptions', "jsonResponse('Opened.'"])
      expect(stripped).not.toContain(prose)
    for (const kept of ["method: 'post'", "operationId: 'openIssue'", 'security,', 'schema: IssueRequest', 'responses: {}', "path: '/chat', operationId: 'chat'"])
      expect(stripped).toContain(kept)
  })

  it("keep an app's .openapi(route, handler)", () => {
    expect(stripped).toContain('app.openapi(openIssue, async (c) => c.json({}))')
  })
})
