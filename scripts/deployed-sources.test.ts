/// <reference types="node" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { withoutDocuments, writeDeployedSources } from './deployed-sources.js'

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
  summary: 'Open an issue' /* shown in /docs */,
  description:
    'A long description.',
  security,
  request: { body: { content: { 'application/json': { schema: IssueRequest } } } },
  responses: {
    200: jsonResponse('Opened.', IssueResponse),
    ...errorResponses([400]),
  },
})
export const chat = chatCompletionRoute({ path: '/chat', operationId: 'chat', summary: 'Chat', description: flow, errorDescriptions, })
app.openapi(openIssue, async (c) => c.json({}))
export const schemes = { token: { type: 'http', scheme: 'bearer', description: 'The TOKEN secret.' } }
export const Kind = z.object({ type: z.enum(['http']), description: z.string() })
`

describe('the deployed sources', () => {
  const stripped = withoutDocuments(contract, 'src/relays/github/contract.ts')

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
    for (const kept of ["method: 'post'", "operationId: 'openIssue'", 'security,', 'schema: IssueRequest', 'responses: {}', "path: '/chat', operationId: 'chat',"])
      expect(stripped).toContain(kept)
  })

  it("drop a security scheme's description, and keep how the scheme is sent", () => {
    expect(stripped).not.toContain('The TOKEN secret.')
    expect(stripped).toMatch(/token: \{ type: 'http', scheme: 'bearer',\s*\}/)
    // An object whose `type` is not a scheme's keeps its fields.
    expect(stripped).toContain("z.object({ type: z.enum(['http']), description: z.string() })")
  })

  it('leave code that parses: no comma is left doubled, whatever sits between a field and its comma', () => {
    const diagnostics = ts.transpileModule(stripped, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } }).diagnostics ?? []
    expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([])
  })

  it("keep a route's prose outside contract files, where a call named like a route maker may be anything", () => {
    const elsewhere = withoutDocuments(contract, 'src/upstreams/github/fake/operations.ts')
    expect(elsewhere).toContain("summary: 'Open an issue'")
    expect(elsewhere).not.toContain('@__PURE__')
    expect(elsewhere).not.toContain(".openapi('IssueRequest')")
  })

  it("mark a contract file's top-level schemas pure, so the bundler drops those nothing uses", () => {
    expect(stripped).toContain('export const IssueRequest = /* @__PURE__ */ z')
    expect(stripped).toContain('export const openIssue = /* @__PURE__ */ createRoute({')
  })

  it("keep an app's .openapi(route, handler)", () => {
    expect(stripped).toContain('app.openapi(openIssue, async (c) => c.json({}))')
  })

  it('mirror the sources as they are now: a file gone from src/ goes from dist/, and the built Worker stays', async () => {
    const root = mkdtempSync(join(tmpdir(), 'relaykit-deployed-'))
    try {
      for (const folder of ['src', 'generated', 'examples', 'dist/src', 'dist/worker']) mkdirSync(join(root, folder), { recursive: true })
      mkdirSync(join(root, 'src/contracts'))
      writeFileSync(join(root, 'src/contracts/issue.ts'), contract)
      writeFileSync(join(root, 'src/contract.test.ts'), 'test')
      writeFileSync(join(root, 'dist/src/removed.ts'), 'stale')
      writeFileSync(join(root, 'dist/worker/index.js'), 'built')
      await writeDeployedSources(root)
      // The copy is judged by its path in the repository, wherever the repository is.
      expect(readFileSync(join(root, 'dist/src/contracts/issue.ts'), 'utf8')).toBe(withoutDocuments(contract, 'src/contracts/issue.ts'))
      expect(existsSync(join(root, 'dist/src/contract.test.ts'))).toBe(false)
      expect(existsSync(join(root, 'dist/src/removed.ts'))).toBe(false)
      // What scripts/deployed-worker.ts built stays.
      expect(readFileSync(join(root, 'dist/worker/index.js'), 'utf8')).toBe('built')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
