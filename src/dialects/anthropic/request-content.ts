import type {
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  MessageCreateParamsBase,
  TextBlockParam,
  ToolResultBlockParam,
  ToolUnion,
} from '@anthropic-ai/sdk/resources/messages'
import type { Tool } from '@anthropic-ai/sdk/resources/messages'
import type { MessageCreateParamsBase as BetaMessageCreateParamsBase } from '@anthropic-ai/sdk/resources/beta/messages/messages'
import { UntranslatableRequest } from './untranslatable.js'

/**
 * A Messages request as clients send it: the SDK's parameters, plus the sampling fields of API
 * version 2023-06-01 (what Claude Code sends) that the SDK's 2026-10-21 types no longer list.
 */
export type MessagesRequest = MessageCreateParamsBase & SamplingFields

interface SamplingFields {
  temperature?: number
  top_p?: number
  top_k?: number
}

/**
 * A Messages request for an Anthropic endpoint (Copilot's own): the SDK's beta parameters, since
 * the caller's `anthropic-beta` goes along and Claude Code sends beta fields
 * (`context_management`); the beta list itself travels as that header, never in the body.
 */
export type NativeMessagesRequest = Omit<BetaMessageCreateParamsBase, 'betas'> & SamplingFields

/** What relaykit needs to know of the Copilot model a request goes to. */
export interface TargetModel {
  /** Copilot's name for the model. */
  id: string
  /**
   * The model reasons (Copilot lists a thinking budget for it): it takes a reasoning effort and,
   * as OpenAI's reasoning models do, refuses `temperature`, `top_p` and Chat Completions' `max_tokens`.
   */
  reasoning: boolean
}

/** The system prompt as one text; `cache_control` and other block extras have no meaning upstream. */
export function systemText(system: MessageCreateParamsBase['system']): string | undefined {
  if (system === undefined) return undefined
  if (typeof system === 'string') return system || undefined
  return system.map((block) => block.text).join('\n\n') || undefined
}

/** An image as a URL the OpenAI APIs take: a data URL for base64 data. */
export function imageUrl(image: ImageBlockParam): string {
  const { source } = image
  if (source.type === 'base64') return `data:${source.media_type};base64,${source.data}`
  if (source.type === 'url') return source.url
  throw new UntranslatableRequest('Images uploaded through the Files API cannot be sent to this model; send them as base64 or a URL.')
}

/** A document's text, for documents that are text; anything else (PDFs, files) cannot be carried. */
function documentContent(document: DocumentBlockParam): Array<TextBlockParam | ImageBlockParam> {
  const { source } = document
  if (source.type === 'text') return [{ type: 'text', text: source.data }]
  if (source.type === 'content') return typeof source.content === 'string' ? [{ type: 'text', text: source.content }] : source.content
  throw new UntranslatableRequest('PDF and file documents cannot be sent to this model; send their text instead.')
}

/** User content reduced to what the OpenAI APIs carry: text and images, in order. */
export type PlainPart = { type: 'text'; text: string } | { type: 'image'; url: string }

/** Text and images of user content; `cache_control`, citations and similar extras are dropped. */
export function plainParts(blocks: ReadonlyArray<ContentBlockParam | TextBlockParam | ImageBlockParam>): PlainPart[] {
  return blocks.flatMap((block): PlainPart[] => {
    switch (block.type) {
      case 'text':
        return [{ type: 'text', text: block.text }]
      case 'image':
        return [{ type: 'image', url: imageUrl(block) }]
      case 'document':
        return plainParts(documentContent(block))
      case 'search_result':
        return plainParts(block.content)
      default:
        throw new UntranslatableRequest(`Content of type ${block.type} cannot be sent to this model.`)
    }
  })
}

/**
 * A tool result as text and images. A failed tool is marked in the text, since neither OpenAI API
 * has a field for it and the model must not take an error message for the tool's output.
 */
export function toolResultParts(result: ToolResultBlockParam): PlainPart[] {
  const content = result.content ?? ''
  const parts = typeof content === 'string' ? [{ type: 'text', text: content } as const] : plainParts(content as ContentBlockParam[])
  if (!result.is_error) return parts
  return [{ type: 'text', text: 'Error:' }, ...parts]
}

/** The texts of parts, joined as one. */
export function joinedText(parts: readonly PlainPart[]): string {
  return parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n\n')
}

/** OpenAI refuses a `user` longer than this; Claude Code's `user_id` (a JSON object as a string) is longer. */
const MAX_USER_LENGTH = 64

/** `metadata.user_id` as OpenAI's `user`, when OpenAI takes it; a longer one is dropped, not cut. */
export function upstreamUser(metadata: MessageCreateParamsBase['metadata']): string | undefined {
  const id = metadata?.user_id
  return id && id.length <= MAX_USER_LENGTH ? id : undefined
}

/**
 * The request's own tools (a name, a description, a JSON schema). Anthropic's hosted and
 * built-in tools (web search, code execution, bash, the text editor) have no meaning for another
 * model, and dropping one would silently change what the model can do, so they are refused.
 */
export function customTools(tools: MessageCreateParamsBase['tools']): Tool[] {
  return (tools ?? []).map((tool: ToolUnion) => {
    if ('input_schema' in tool && (tool.type === undefined || tool.type === null || tool.type === 'custom')) return tool as Tool
    const name = 'name' in tool ? tool.name : tool.type
    throw new UntranslatableRequest(`The tool ${name} (${tool.type}) is Anthropic's own and cannot be offered to this model.`)
  })
}
