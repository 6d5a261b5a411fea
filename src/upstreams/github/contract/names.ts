import '@hono/zod-openapi'
import * as z from 'zod'
import { EVENT_TYPE_CHARACTERS, EVENT_TYPE_MAX_LENGTH, OWNER_NAME, REPO_NAME, WORKFLOW_FILE } from '../name-patterns.js'

// GitHub's own naming rules (name-patterns.ts), as the contracts' schemas. Anything outside them
// never reaches a URL, so no value can climb out of its path segment (`..`, `/`, `%2F`, `?`,
// unicode look-alikes are all refused).

export const Owner = z
  .string()
  .regex(OWNER_NAME, 'must be a GitHub user or organization name: letters, digits and inner hyphens, at most 39 characters')
  .openapi({ description: 'The account that owns the repository.', example: 'octo-org' })

export const Repo = z
  .string()
  .regex(REPO_NAME, 'must be a repository name: letters, digits, `.`, `_` and `-`, at most 100 characters')
  .openapi({ description: 'The repository name, without the owner.', example: 'hello-world' })

export const PullNumber = z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The pull request number.', example: 1 })

/** A branch or tag name, by git's check-ref-format rules (the subset a workflow ref can use). */
export const GitRef = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?![./]|.*(?:\/\/|\.\.|\/\.|\.lock(?:\/|$)|\/$|\.$))[A-Za-z0-9._/-]+$/, 'must be a branch or tag name (letters, digits, `.`, `_`, `-`, `/`; no `..`, `//` or `.lock`)')

export const EventType = z
  .string()
  .min(1)
  .max(EVENT_TYPE_MAX_LENGTH)
  .regex(EVENT_TYPE_CHARACTERS, 'must be letters, digits, `.`, `_`, `:` or `-`')
  .openapi({ description: 'The repository_dispatch event type; must be in ALLOWED_EVENT_TYPES.', example: 'deploy-preview' })

export const WorkflowFile = z
  .string()
  .regex(WORKFLOW_FILE, 'must be a workflow file name such as `ci.yml`')
  .openapi({ description: 'The workflow file name under .github/workflows; must be in ALLOWED_WORKFLOWS.', example: 'ci.yml' })

export const LabelName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is exactly to refuse control characters.
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters')
