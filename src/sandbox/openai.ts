import { createFakeOpenAI, type FakeOpenAI } from './fake-openai.js'

let sandboxOpenAI: FakeOpenAI | undefined

/** The sandbox's one fake OpenAI, shared by every relay that calls OpenAI. */
export const sandboxOpenAIFetch = (request: Request) => (sandboxOpenAI ??= createFakeOpenAI()).fetch(request)
