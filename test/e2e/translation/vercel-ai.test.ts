import { createOpenAI, type OpenAIProvider } from '@ai-sdk/openai';
import { APICallError, generateText, jsonSchema, type ModelMessage, stepCountIs, streamText, tool } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cutPrompt,
  expectToolResults,
  failingPrompt,
  modes,
  pngBase64,
  reasoningText,
  replyText,
  toolCases,
  toolPrompt,
  upstreams,
  useMatrix,
  weatherResultFor,
  weatherSchema,
} from './matrix-setup.js';

const matrix = useMatrix();
let openai: OpenAIProvider;
beforeAll(() => {
  openai = createOpenAI({ baseURL: `${matrix.harness.url}/v1`, apiKey: 'k' });
});

/** Calls executed in the current run: the SDK starts them in call order, so each gets its own numbered result. */
let executed = 0;
const tools = {
  get_weather: tool({
    description: 'Weather for a city',
    inputSchema: jsonSchema<{ location: string }>({ ...weatherSchema }),
    execute: async () => weatherResultFor(executed++),
  }),
};

interface Outcome {
  text: string;
  finishReason: string;
  outputTokens: number | undefined;
  /** `reasoning_content` read from the raw answer: @ai-sdk/openai's chat model does not surface it. */
  reasoning: string;
  steps: Array<{ toolCalls: Array<{ toolName: string; input: unknown }> }>;
}

/** generateText or streamText with the same options, reduced to what the tests assert. */
async function run(
  options: { model: string; messages: ModelMessage[]; reasoning?: boolean; withTools?: boolean },
  stream: boolean,
): Promise<Outcome> {
  executed = 0;
  const common = {
    model: openai.chat(options.model),
    messages: options.messages,
    maxRetries: 0,
    ...(options.withTools ? { tools, stopWhen: stepCountIs(2) } : {}),
    ...(options.reasoning ? { providerOptions: { openai: { reasoningEffort: 'low' } } } : {}),
  };
  if (!stream) {
    const result = await generateText(common);
    const body = result.response.body as { choices?: Array<{ message?: { reasoning_content?: string } }> };
    return {
      text: result.text,
      finishReason: result.finishReason,
      outputTokens: result.totalUsage.outputTokens,
      reasoning: body?.choices?.[0]?.message?.reasoning_content ?? '',
      steps: result.steps,
    };
  }
  // Errors are rethrown from the loop below; the default onError would also log them.
  const result = streamText({ ...common, includeRawChunks: true, onError: () => undefined });
  let reasoning = '';
  let lastType = '';
  for await (const part of result.fullStream) {
    if (part.type === 'error') throw part.error;
    lastType = part.type;
    if (part.type !== 'raw') continue;
    const chunk = part.rawValue as { choices?: Array<{ delta?: { reasoning_content?: string } }> };
    reasoning += chunk.choices?.[0]?.delta?.reasoning_content ?? '';
  }
  // The last part of a stream is its `finish`, carrying the total usage.
  expect(lastType).toBe('finish');
  return {
    text: await result.text,
    finishReason: await result.finishReason,
    outputTokens: (await result.totalUsage).outputTokens,
    reasoning,
    steps: await result.steps,
  };
}

describe.each(upstreams)('Vercel AI SDK (openai chat) → $apiType upstream', (upstream) => {
  const { model } = upstream;

  it.each(modes)('answers text with usage ($name)', async ({ stream }) => {
    const outcome = await run({ model, messages: [{ role: 'user', content: 'Hello matrix' }] }, stream);
    expect(outcome.text).toBe(replyText(upstream, 'Hello matrix'));
    expect(outcome.finishReason).toBe('stop');
    expect(outcome.outputTokens).toBeGreaterThan(0);
  });

  it.each(toolCases)('runs tools and answers from their results ($name)', async ({ stream, calls }) => {
    const outcome = await run(
      { model, messages: [{ role: 'user', content: toolPrompt(calls) }], withTools: true },
      stream,
    );
    expect(outcome.steps).toHaveLength(2);
    const expected = Array.from({ length: calls }, () => ({ toolName: 'get_weather', input: { location: 'Paris' } }));
    expect(outcome.steps[0]?.toolCalls).toMatchObject(expected);
    expectToolResults(outcome.text, upstream, calls);
  });

  it.each(modes)('sends an image in the upstream’s own shape ($name)', async ({ stream }) => {
    const image = Buffer.from(pngBase64, 'base64');
    const outcome = await run(
      {
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this image' },
              { type: 'image', image, mediaType: 'image/png' },
            ],
          },
        ],
      },
      stream,
    );
    expect(outcome.text).toBe(replyText(upstream, 'Describe this image'));
    upstream.expectImage(matrix.lastRequest().body);
  });

  it.each(modes)('passes reasoning through as reasoning_content ($name)', async ({ stream }) => {
    const outcome = await run({ model, messages: [{ role: 'user', content: 'Think first' }], reasoning: true }, stream);
    upstream.expectReasoningRequested(matrix.lastRequest().body);
    expect(outcome.reasoning).toBe(`${reasoningText} Think first`);
    expect(outcome.text).toBe(replyText(upstream, 'Think first'));
  });

  it('reports an upstream 500 as an APICallError with that status', async () => {
    const error = await run({ model, messages: [{ role: 'user', content: failingPrompt }] }, false).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 500 });
  });

  it('fails a stream the upstream cut instead of hanging', async () => {
    await expect(run({ model, messages: [{ role: 'user', content: cutPrompt }] }, true)).rejects.toThrow();
  });
});
