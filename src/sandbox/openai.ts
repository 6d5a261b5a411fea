import { SANDBOX_CHATKIT_WORKFLOWS } from './defaults.js'
import { createFakeChatKit, type FakeChatKit } from '../upstreams/openai/fake/fake-chatkit.js'
import { createFakeOpenAI, type FakeOpenAI } from '../upstreams/openai/fake/fake-openai.js'

let sandboxOpenAI: FakeOpenAI | undefined
let sandboxChatKit: FakeChatKit | undefined

/** The sandbox's one fake OpenAI, shared by every relay that calls OpenAI: ChatKit sessions, and chat completions. */
export const sandboxOpenAIFetch = (request: Request) =>
  new URL(request.url).pathname.includes('/chatkit/')
    ? (sandboxChatKit ??= createFakeChatKit({ workflows: Object.values(SANDBOX_CHATKIT_WORKFLOWS) })).fetch(request)
    : (sandboxOpenAI ??= createFakeOpenAI()).fetch(request)
