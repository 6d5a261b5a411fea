import OpenAI from 'openai'
import type { ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { ResponseStreamEvent } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { exchangeGitHubToken } from '../token-exchange.js'
import { FAKE_OCTOCAT } from './fake-github.js'
import { FAKE_COPILOT_REPLY } from './fake-copilot.js'
import { createFakeUpstreams, FAKE_COPILOT_API_URL } from './fake-upstreams.js'

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
    },
  },
}
const WEATHER_ARGUMENTS = { city: 'example', unit: 'celsius', days: 1 }

/** The official SDK, pointed at the fake Copilot with a Copilot token the fake GitHub issued. */
async function sdk() {
  const fakes = createFakeUpstreams()
  const { token } = await exchangeGitHubToken(fakes.deps, FAKE_OCTOCAT.githubToken, 'https://relay.example/copilot')
  const client = new OpenAI({ apiKey: token, baseURL: FAKE_COPILOT_API_URL, fetch: (url, init) => fakes.fetch(new Request(url, init)), maxRetries: 0 })
  return { ...fakes, client }
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

describe('fake Copilot: chat completions', () => {
  it('answers the reply', async () => {
    const { client } = await sdk()
    const completion = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi there' }] })
    expect(completion.choices).toHaveLength(1)
    expect(completion.choices[0]?.message.content).toBe(FAKE_COPILOT_REPLY)
    expect(completion.usage?.prompt_tokens).toBe(2)
  })

  it('calls the first tool in a second choice, with arguments that fit its schema', async () => {
    const { client } = await sdk()
    const completion = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'weather?' }], tools: [weatherTool] })
    expect(completion.choices.map((choice) => choice.finish_reason)).toEqual(['stop', 'tool_calls'])
    expect(completion.choices[0]?.message.content).toBe('Calling get_weather.')
    const call = completion.choices[1]?.message.tool_calls?.[0]
    expect(call?.type === 'function' && call.function.name).toBe('get_weather')
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual(WEATHER_ARGUMENTS)
  })

  it('streams the tool call in several argument deltas, text in its own choice, then a usage-only chunk', async () => {
    const { client } = await sdk()
    const chunks: ChatCompletionChunk[] = await collect(
      await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'weather?' }], tools: [weatherTool], stream: true }),
    )
    const text = chunks.flatMap((chunk) => chunk.choices.filter((choice) => choice.index === 0).map((choice) => choice.delta.content ?? '')).join('')
    expect(text).toBe('Calling get_weather.')
    const argumentDeltas = chunks.flatMap((chunk) =>
      chunk.choices.filter((choice) => choice.index === 1).flatMap((choice) => choice.delta.tool_calls?.map((call) => call.function?.arguments ?? '') ?? []),
    )
    expect(argumentDeltas.filter(Boolean).length).toBeGreaterThanOrEqual(3)
    expect(JSON.parse(argumentDeltas.join(''))).toEqual(WEATHER_ARGUMENTS)
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1 } })
  })

  it('refuses max_tokens for a model that takes only max_completion_tokens, as Copilot does', async () => {
    const { client } = await sdk()
    await expect(client.chat.completions.create({ model: 'gpt-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_parameter',
    })
    const completion = await client.chat.completions.create({ model: 'gpt-5', max_completion_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
    expect(completion.choices[0]?.message.content).toBe(FAKE_COPILOT_REPLY)
  })

  it('refuses a model that is disabled, unknown or not served on chat completions', async () => {
    const { client } = await sdk()
    const ask = (model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })
    await expect(ask('claude-opus-4.1')).rejects.toMatchObject({ status: 400, code: 'model_not_supported' })
    await expect(ask('gpt-9')).rejects.toMatchObject({ status: 400, code: 'model_not_supported' })
    await expect(ask('gpt-5-codex')).rejects.toMatchObject({ status: 400, code: 'unsupported_api_for_model' })
  })
})

describe('fake Copilot: responses', () => {
  it('answers the reply', async () => {
    const { client } = await sdk()
    const response = await client.responses.create({ model: 'gpt-5-codex', input: 'hi' })
    expect(response.output_text).toBe(FAKE_COPILOT_REPLY)
    expect(response.status).toBe('completed')
  })

  it('streams the reply and a function call with argument deltas, numbered in order', async () => {
    const { client } = await sdk()
    const events: ResponseStreamEvent[] = await collect(
      await client.responses.create({
        model: 'gpt-5-codex',
        input: [{ role: 'user', content: 'weather?' }],
        tools: [{ type: 'web_search' }, { type: 'function', name: 'get_weather', parameters: weatherTool.function.parameters, strict: false }],
        stream: true,
      }),
    )
    expect(events[0]?.type).toBe('response.created')
    expect(events.at(-1)?.type).toBe('response.completed')
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index))
    const deltas = events.flatMap((event) => (event.type === 'response.function_call_arguments.delta' ? [event.delta] : []))
    expect(deltas.length).toBeGreaterThanOrEqual(3)
    expect(JSON.parse(deltas.join(''))).toEqual(WEATHER_ARGUMENTS)
    const text = events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : [])).join('')
    expect(text).toBe('Calling get_weather.')
  })

  it('refuses a model that is not served on the Responses API', async () => {
    const { client } = await sdk()
    await expect(client.responses.create({ model: 'claude-sonnet-4.5', input: 'hi' })).rejects.toMatchObject({
      status: 400,
      code: 'unsupported_api_for_model',
      message: expect.stringContaining('does not support Responses API'),
    })
  })
})

describe('fake Copilot: embeddings and models', () => {
  it('embeds every input, the same way every time', async () => {
    const { client } = await sdk()
    const first = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a cat', 'a dog'] })
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a cat', 'a dog'] })
    expect(first.data).toHaveLength(2)
    expect(first.data[0]?.embedding).toHaveLength(8)
    expect(again.data).toEqual(first.data)
    await expect(client.embeddings.create({ model: 'gpt-4.1', input: 'x' })).rejects.toMatchObject({ status: 400 })
  })

  it('refuses a token GitHub did not issue, as an expired one', async () => {
    const { fetch } = await sdk()
    const response = await fetch(new Request(`${FAKE_COPILOT_API_URL}/models`, { headers: { authorization: 'Bearer made-up' } }))
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('unauthorized: token expired')
  })

  it('records the headers it received', async () => {
    const { client, copilot } = await sdk()
    await client.models.list()
    expect(copilot.received[0]).toMatchObject({ method: 'GET', path: '/models' })
    expect(copilot.received[0]?.headers.authorization).toMatch(/^Bearer tid=fake1;/)
  })
})
