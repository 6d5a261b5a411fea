/// <reference types="node" />
// `node --import tsx scripts/deployed-sources.ts` (wrangler.toml's [build], before every wrangler build) writes
// dist/: the sources wrangler bundles for `main`, `npm start` and the tests' `wrangler dev`. They
// are src/, and the folders it imports from, less what only the OpenAPI documents read, which the
// Worker never builds (it serves the committed ones): each `.openapi(…)` call on a schema whose
// arguments are literals, which the Worker's stand-in returns unchanged
// (src/platform/openapi-documents-off.ts); the prose, tags and responses of each route a
// contract file makes (hono validates requests only; the handlers' types come from src/ at
// compile time); and the description of each security scheme a contract file declares. That is a
// tenth of the bundle. Each removal keeps its line breaks, so a line of dist/ is the same line of
// src/. scripts/check-bundle.ts fails if an operation's summary is in the bundle.
import { realpathSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/** What dist/ mirrors: src/ and the folders src/ imports from. Tests stay out. */
const MIRRORED = ['src', 'generated', 'examples']
const OUT_DIR = 'dist'

/** Route fields only a document reads: its prose (errorDescriptions: a route helper's words for its error statuses) and tags. */
const PROSE_FIELDS = new Set(['summary', 'description', 'tags', 'externalDocs', 'errorDescriptions'])

/** Route fields only documents read that a route must still have: hono validates requests only. */
const EMPTIED_FIELDS = new Set(['responses'])

/** A security scheme's prose, which only documents (and Scalar's page) read. */
const SCHEME_PROSE = new Set(['description'])

const SCHEME_TYPES = new Set(['http', 'apiKey', 'oauth2', 'openIdConnect'])

const fieldName = (property: ts.ObjectLiteralElementLike) => (property.name && ts.isIdentifier(property.name) ? property.name.text : undefined)

/** `{ type: 'http', scheme: 'bearer', description }`: an OpenAPI security scheme. */
const isSecurityScheme = (object: ts.ObjectLiteralExpression) =>
  object.properties.some(
    (property) =>
      fieldName(property) === 'type' && ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer) && SCHEME_TYPES.has(property.initializer.text),
  )

/** hono's createRoute, or a contract's helper that makes a route (chatCompletionRoute). */
const makesRoute = (callee: ts.Node) => ts.isIdentifier(callee) && /^(createRoute|[a-z]\w*Route)$/.test(callee.text)

const isLiteral = (node: ts.Node) => ts.isStringLiteralLike(node) || ts.isObjectLiteralExpression(node)

/** A contract file (`src/relays/github/contract.ts`, `src/contracts/errors.ts`), by its path in the repository. */
const isContract = (path: string) => /(^|\/)contracts?[/.]/.test(path)

/** `source` without what only documents read; `path` is the file's, relative to the repository. */
export function withoutDocuments(source: string, path: string): string {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const contract = isContract(path)
  /** What to replace: start, end, with what. */
  const edits: Array<[number, number, string]> = []
  const visit = (node: ts.Node): void => {
    // schema.openapi('Name', { description }): from the `.` to the closing parenthesis.
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'openapi' &&
      node.arguments.length > 0 &&
      node.arguments.every(isLiteral)
    ) {
      edits.push([node.expression.expression.end, node.end, ''])
      visit(node.expression.expression)
      return
    }
    // Each field named in `fields` goes, up to the next field, so its comma and any comment before
    // it go too; each in `emptied` becomes `{}`; the others are visited.
    const withoutFields = (object: ts.ObjectLiteralExpression, fields: ReadonlySet<string>, emptied: ReadonlySet<string> = new Set()) =>
      object.properties.forEach((property, index) => {
        const name = fieldName(property)
        if (name && fields.has(name)) {
          const next = object.properties[index + 1]
          edits.push([property.getStart(file), next ? next.getStart(file) : object.properties.end, ''])
        } else if (name && emptied.has(name) && ts.isPropertyAssignment(property)) {
          edits.push([property.initializer.getStart(file), property.initializer.end, '{}'])
        } else {
          visit(property)
        }
      })
    if (contract && ts.isCallExpression(node) && makesRoute(node.expression)) {
      const [config] = node.arguments
      if (config && ts.isObjectLiteralExpression(config)) {
        withoutFields(config, PROSE_FIELDS, EMPTIED_FIELDS)
        return
      }
    }
    if (contract && ts.isObjectLiteralExpression(node) && isSecurityScheme(node)) {
      withoutFields(node, SCHEME_PROSE)
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  // A contract's schemas, now that no route's responses name them, are left to the bundler to
  // drop when nothing else does: building a schema has no effect beyond the schema.
  if (contract) {
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue
      for (const { initializer } of statement.declarationList.declarations) {
        if (initializer && ts.isCallExpression(initializer)) edits.push([initializer.getStart(file), initializer.getStart(file), '/* @__PURE__ */ '])
      }
    }
  }
  let out = source
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) {
    const breaks = source.slice(start, end).replace(/[^\n]/g, '')
    out = out.slice(0, start) + replacement + breaks + out.slice(end)
  }
  return out
}

/** The files under `dir` but tests and fixtures; none if there is no `dir`. */
async function* filesUnder(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else if (!/\.test\.ts$/.test(entry.name) && !path.includes('/fixtures/')) yield path
  }
}

/** Writes a file only when it changed, and whole: several `wrangler dev` may build at once. */
async function writeIfChanged(path: string, text: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => undefined)) === text) return
  await mkdir(dirname(path), { recursive: true })
  const partial = `${path}.${process.pid}.partial`
  await writeFile(partial, text)
  await rename(partial, path)
}

export async function writeDeployedSources(root: string): Promise<void> {
  const written = new Set<string>()
  for (const folder of MIRRORED) {
    for await (const path of filesUnder(join(root, folder))) {
      const source = await readFile(path, 'utf8')
      const text = folder === 'src' && path.endsWith('.ts') ? withoutDocuments(source, relative(root, path)) : source
      const copy = join(root, OUT_DIR, relative(root, path))
      await writeIfChanged(copy, text)
      written.add(copy)
    }
  }
  // A file gone from the sources goes from dist/ too, so nothing can import a stale copy. Another
  // build's file still being written (.partial) is left to it, and so are dist/'s other folders
  // (scripts/deployed-worker.ts writes the built Worker there).
  for (const folder of MIRRORED) {
    for await (const path of filesUnder(join(root, OUT_DIR, folder))) {
      if (!written.has(path) && !path.endsWith('.partial')) await rm(path, { force: true })
    }
  }
}

// Run as a script (the path may be a symlink to this file), not imported by its test.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeDeployedSources(resolve(dirname(fileURLToPath(import.meta.url)), '..'))
}
