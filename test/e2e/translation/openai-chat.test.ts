import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cutPrompt,
  expectToolResults,
  failingPrompt,
  modes,
  pngDataUrl,
  reasoningText,
  replyText,
  toolCases,
  toolPrompt,
  toolResultText,
  upstreams,
  useMatrix,
  weatherResult,
  weatherResultFor,
  weatherSchema,
} from './matrix-setup.js';

const matrix = useMatrix();
let client: OpenAI;
beforeAll(() => {
  client = new OpenAI({ baseURL: `${matrix.harness.url}/v1`, apiKey: 'k', maxRetries: 0 });
});

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather for a city', parameters: { ...weatherSchema } },
  },
];

/** One chat turn, streamed or not; a stream is folded into a ChatCompletion by the SDK's own stream helper. */
async function complete(
  params: { model: string; messages: ChatCompletionMessageParam[] } & Record<string, unknown>,
  stream: boolean,
): Promise<{ completion: ChatCompletion; reasoning: string; lastChunk?: OpenAI.ChatCompletionChunk }> {
  if (!stream) {
    const completion = await client.chat.completions.create({ ...params, stream: false });
    // `reasoning_content` is a common extension the SDK types do not know.
    const message = completion.choices[0]?.message as { reasoning_content?: string } | undefined;
    const reasoning = message?.reasoning_content ?? '';
    return { completion, reasoning };
  }
  const runner = client.chat.completions.stream({ ...params, stream_options: { include_usage: true } });
  let reasoning = '';
  let lastChunk: OpenAI.ChatCompletionChunk | undefined;
  for await (const chunk of runner) {
    lastChunk = chunk;
    reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
  }
  return { completion: await runner.finalChatCompletion(), reasoning, lastChunk };
}

describe.each(upstreams)('OpenAI chat client → $apiType upstream', (upstream) => {
  const { model } = upstream;

  it.each(modes)('answers text with usage ($name)', async ({ stream }) => {
    const { completion, lastChunk } = await complete(
      { model, messages: [{ role: 'user', content: 'Hello matrix' }] },
      stream,
    );
    expect(completion.choices[0]?.message.content).toBe(replyText(upstream, 'Hello matrix'));
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const usage = stream ? lastChunk?.usage : completion.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it.each(toolCases)('round-trips tool calls ($name)', async ({ stream, calls }) => {
    const question: ChatCompletionMessageParam = { role: 'user', content: toolPrompt(calls) };
    const first = await complete({ model, messages: [question], tools }, stream);
    expect(first.completion.choices[0]?.finish_reason).toBe('tool_calls');
    const toolCalls = first.completion.choices[0]?.message.tool_calls ?? [];
    expect(toolCalls).toHaveLength(calls);
    const results: ChatCompletionMessageParam[] = toolCalls.map((call, index) => {
      if (call.type !== 'function') throw new Error(`unexpected ${call.type} call`);
      expect(call.function.name).toBe('get_weather');
      expect(JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
      return { role: 'tool', tool_call_id: call.id, content: weatherResultFor(index) };
    });
    expect(new Set(toolCalls.map((call) => call.id)).size).toBe(calls);

    const assistant: ChatCompletionMessageParam = { role: 'assistant', content: null, tool_calls: toolCalls };
    const second = await complete({ model, tools, messages: [question, assistant, ...results] }, stream);
    expectToolResults(second.completion.choices[0]?.message.content, upstream, calls);
  });

  it.each(modes)('sends an image in the upstream’s own shape ($name)', async ({ stream }) => {
    const { completion } = await complete(
      {
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this image' },
              { type: 'image_url', image_url: { url: pngDataUrl } },
            ],
          },
        ],
      },
      stream,
    );
    expect(completion.choices[0]?.message.content).toBe(replyText(upstream, 'Describe this image'));
    upstream.expectImage(matrix.lastRequest().body);
  });

  it.each(modes)('returns reasoning as reasoning_content ($name)', async ({ stream }) => {
    const { completion, reasoning } = await complete(
      { model, messages: [{ role: 'user', content: 'Think first' }], reasoning_effort: 'low' },
      stream,
    );
    upstream.expectReasoningRequested(matrix.lastRequest().body);
    expect(reasoning).toBe(`${reasoningText} Think first`);
    expect(completion.choices[0]?.message.content).toBe(replyText(upstream, 'Think first'));
  });

  it('replays reasoning_content with a tool call without sending unsigned thinking upstream', async () => {
    const question: ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris?' };
    const first = await complete({ model, tools, reasoning_effort: 'low', messages: [question] }, true);
    const call = first.completion.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(first.reasoning).toBe(`${reasoningText} Weather in Paris?`);
    // DeepSeek-style clients send reasoning_content back with the tool-call turn.
    const assistant = { role: 'assistant', content: null, tool_calls: [call], reasoning_content: first.reasoning };
    const second = await complete(
      {
        model,
        tools,
        reasoning_effort: 'low',
        messages: [
          question,
          assistant as ChatCompletionMessageParam,
          { role: 'tool', tool_call_id: call.id, content: weatherResult },
        ],
      },
      false,
    );
    expect(second.completion.choices[0]?.message.content).toContain(toolResultText(upstream));
    const sent = JSON.stringify(matrix.lastRequest().body);
    expect(sent).not.toContain('"signature":""');
  });

  it('reports an upstream 500 as an APIError with that status', async () => {
    const error = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: failingPrompt }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ status: 500 });
  });

  it('fails a stream the upstream cut instead of hanging', async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: cutPrompt }],
      stream: true,
    });
    const drain = async () => {
      for await (const _chunk of stream);
    };
    await expect(drain()).rejects.toBeInstanceOf(OpenAI.APIError);
  });
});
