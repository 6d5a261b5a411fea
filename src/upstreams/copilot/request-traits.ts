import type { Initiator } from './headers.js'
import { isRecord, lastItem } from './json.js'

/** The APIs whose requests carry a conversation. */
export type ConversationApi = 'chat' | 'responses' | 'messages'

/** What the traits are read from: a request's conversation, as `messages` or the Responses API's `input`. */
export interface Conversation {
  readonly messages?: unknown
  readonly input?: unknown
}

const AGENT_ROLES = new Set(['assistant', 'tool', 'function'])

/** Chat: the last message is the assistant's or a tool's. */
const chatIsAgent = (body: Conversation) => {
  const last = lastItem(body.messages)
  return isRecord(last) && typeof last.role === 'string' && AGENT_ROLES.has(last.role)
}

/** Responses: the last input item is the assistant's, or no one's message at all (a tool's output, a call, reasoning). */
const responsesIsAgent = (body: Conversation) => {
  const last = lastItem(body.input)
  if (!isRecord(last)) return false
  return typeof last.role === 'string' ? AGENT_ROLES.has(last.role) : true
}

/** Messages: the last message is the assistant's, or a user turn that holds only tool results. */
const messagesIsAgent = (body: Conversation) => {
  const last = lastItem(body.messages)
  if (!isRecord(last)) return false
  if (last.role !== 'user') return true
  return Array.isArray(last.content) && last.content.length > 0 && last.content.every((block) => isRecord(block) && block.type === 'tool_result')
}

const IS_AGENT: Record<ConversationApi, (body: Conversation) => boolean> = {
  chat: chatIsAgent,
  responses: responsesIsAgent,
  messages: messagesIsAgent,
}

/** `agent` when the conversation's last turn is not a person's, so follow-ups are not billed as new premium requests. */
export const initiatorOf = (api: ConversationApi, body: Conversation): Initiator => (IS_AGENT[api](body) ? 'agent' : 'user')

const IMAGE_PART_TYPES: Record<ConversationApi, string> = { chat: 'image_url', responses: 'input_image', messages: 'image' }

/** Whether a content part, or any part nested in it (a tool result's content), is an image. */
function holdsImagePart(value: unknown, imageType: string, depth = 0): boolean {
  if (depth > 8) return false
  if (Array.isArray(value)) return value.some((item) => holdsImagePart(item, imageType, depth + 1))
  if (!isRecord(value)) return false
  if (value.type === imageType) return true
  return holdsImagePart(value.content, imageType, depth + 1) || holdsImagePart(value.output, imageType, depth + 1)
}

/** Whether the request holds an image anywhere in its conversation. */
export function holdsImage(api: ConversationApi, body: Conversation): boolean {
  const conversation = api === 'responses' ? body.input : body.messages
  return holdsImagePart(conversation, IMAGE_PART_TYPES[api])
}
